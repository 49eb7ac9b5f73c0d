//! The sender checks in the world (issue 18): Dave's server evaluates SPF,
//! DKIM and DMARC at the end of DATA and records them; the ISP signs.

use protocol_core::scenario::catalogue;
use protocol_core::sim::{EventKind, Parsed, TraceEvent, World};

fn run(name: &str) -> World {
    let s = catalogue()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no scenario {name}"));
    s.run(None)
}

fn keys(t: &[TraceEvent]) -> Vec<&str> {
    t.iter().filter_map(|e| e.explain.as_deref()).collect()
}

fn delivered(t: &[TraceEvent]) -> Vec<String> {
    t.iter()
        .filter_map(|e| match &e.kind {
            EventKind::Delivered { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_forged_from_is_refused_with_550_5_7_1_and_johns_real_mail_passes() {
    let w = run("forged-from");
    let t = w.trace();
    let k = keys(t);
    for key in [
        "auth.spf.check.mailfrom",
        "auth.spf.fail",
        #[cfg(feature = "dkim")]
        "auth.dkim.none",
        #[cfg(not(feature = "dkim"))]
        "auth.dkim.unavailable",
        "auth.dmarc.record",
        "auth.dmarc.align.no",
        "auth.dmarc.fail.reject",
        "auth.spf.pass",
        "auth.dmarc.pass",
    ] {
        assert!(k.contains(&key), "{key} missing (seed {})", w.seed());
    }
    // The refusal goes to the stranger, at the end of DATA.
    let refusal = t
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Line {
                text,
                parsed: Some(Parsed::Reply { code: 550, .. }),
                ..
            } if e.to == "stranger" => Some(text.clone()),
            _ => None,
        })
        .expect("a 550 to the stranger");
    assert!(refusal.starts_with("550 5.7.1 "), "{refusal}");
    assert!(refusal.contains("DMARC p=reject"), "{refusal}");
    // Only John's real message reaches Dave, with its results on top.
    let msgs = delivered(t);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("\tspf=pass smtp.mailfrom=john@isp.example;"));
    assert!(msgs[0].contains("\tdmarc=pass (p=reject dis=none) header.from=isp.example"));
    assert!(!msgs[0].contains("password"));
    // Every question the checks asked is in the trace as DNS traffic.
    let txt_queries: Vec<&str> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::DnsQuery {
                name,
                qtype: protocol_core::dns::RecordType::TXT,
                ..
            } if e.from == "mx" => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert!(txt_queries.contains(&"isp.example"));
    assert!(txt_queries.contains(&"_dmarc.isp.example"));
}

#[cfg(feature = "dkim")]
#[test]
fn johns_mail_is_signed_by_the_isp_and_verified_by_dave_s_server() {
    let w = run("seed-story");
    let t = w.trace();
    let k = keys(t);
    for key in [
        "auth.dkim.sign",
        "auth.dkim.signature",
        "auth.dkim.key",
        "auth.dkim.bodyhash",
        "auth.dkim.headers",
        "auth.dkim.pass",
        "auth.dmarc.align.dkim",
        "auth.results",
    ] {
        assert!(k.contains(&key), "{key} missing");
    }
    let m = &delivered(t)[0];
    assert!(m.contains(
        "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=isp.example; s=mail;"
    ));
    assert!(m.contains("\tdkim=pass header.d=isp.example header.s=mail header.b="));
    // The key comes from the seed: the same seed, the same signature.
    assert_eq!(delivered(run("seed-story").trace())[0], *m);
}

/// Where each message was delivered, with its text.
fn delivered_at(t: &[TraceEvent]) -> Vec<(String, String)> {
    t.iter()
        .filter_map(|e| match &e.kind {
            EventKind::Delivered { host, message, .. } => Some((host.clone(), message.clone())),
            _ => None,
        })
        .collect()
}

/// The hosts that checked SPF, in order.
fn spf_checkers(t: &[TraceEvent]) -> Vec<&str> {
    t.iter()
        .filter(|e| e.explain.as_deref() == Some("auth.spf.check.mailfrom"))
        .map(|e| e.from.as_str())
        .collect()
}

/// Issue 12: the spam filter applies real rules. It is the border of
/// dave.example, so it checks the senders; Dave's server behind it does
/// not check them again (SPF of the filter's address would fail).
#[test]
fn the_spam_filter_checks_at_the_border_scores_each_message_and_says_why() {
    let w = run("spam-filter");
    let t = w.trace();
    let k = keys(t);
    assert!(k.contains(&"auth.skip.own-server"));
    assert_eq!(
        spf_checkers(t),
        ["filter", "filter"],
        "once per message, at the filter"
    );
    for key in [
        "spam.signal.keyword",
        "spam.verdict.spam",
        "spam.verdict.clean",
    ] {
        assert!(k.contains(&key), "{key} missing");
    }
    let msgs = delivered_at(t);
    assert_eq!(msgs.len(), 2, "the filter marks spam, it does not drop it");
    let (john, lottery) = (&msgs[0].1, &msgs[1].1);
    assert!(john.contains("Subject: Lunch on Friday?"), "{john}");
    assert!(
        john.contains("\r\nX-Spam-Status: No, score=0 required=5 tests=none\r\n"),
        "{john}"
    );
    assert!(!john.contains("X-Spam-Flag"), "{john}");
    assert!(
        john.contains("Authentication-Results: filter.dave.example;"),
        "{john}"
    );
    assert!(lottery.contains("Subject: You are a winner!"), "{lottery}");
    assert!(
        lottery.contains("\r\nX-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=6 required=5 tests=KEYWORD_LOTTERY,KEYWORD_WINNER,KEYWORD_PRIZE\r\n"),
        "{lottery}"
    );
    assert!(lottery.contains("\tspf=none"), "{lottery}");
}

/// The rules that the lesson's two messages do not meet, on messages made
/// for them: SPF fail and DMARC fail from the filter's own check, a broken
/// DKIM signature, no Date and no Message-ID.
#[test]
fn the_spam_rules_score_failed_checks_and_missing_headers() {
    use protocol_core::sim::spam::{score, SpamRules};
    let rules = SpamRules {
        keywords: vec!["prize".into()],
        required: 5,
    };
    let ar = "filter.dave.example;\r\n\tspf=fail smtp.mailfrom=john@isp.example;\r\n\tdkim=fail (body hash did not verify) header.d=isp.example header.s=mail;\r\n\tdmarc=fail (p=none dis=none) header.from=isp.example";
    let r = score(
        &rules,
        b"From: john@isp.example\r\nSubject: hi\r\n\r\nno prizes here\r\n",
        Some(ar),
    );
    let found: Vec<(&str, u32, &str)> = r
        .signals
        .iter()
        .map(|s| (s.test.as_str(), s.points, s.key))
        .collect();
    assert_eq!(
        found,
        [
            ("SPF_FAIL", 2, "spam.signal.spf"),
            ("DKIM_FAIL", 2, "spam.signal.dkim"),
            ("DMARC_FAIL", 3, "spam.signal.dmarc"),
            ("MISSING_DATE", 1, "spam.signal.no-date"),
            ("MISSING_MID", 1, "spam.signal.no-message-id"),
        ],
        "\"prizes\" is not the word \"prize\""
    );
    assert_eq!(
        r.status(),
        "Yes, score=9 required=5 tests=SPF_FAIL,DKIM_FAIL,DMARC_FAIL,MISSING_DATE,MISSING_MID"
    );
    // A forged Authentication-Results in the message itself counts for nothing.
    let forged = b"Authentication-Results: filter.dave.example; spf=fail\r\nDate: x\r\nMessage-ID: <1@x>\r\nSubject: hi\r\n\r\nhello\r\n";
    assert_eq!(score(&rules, forged, None).score, 0);
}

/// Issue 18: a forwarder. Dave's server forwards to dave@elsewhere.example
/// keeping John's envelope sender; the last server finds SPF failing (Dave's
/// server is not in isp.example's SPF), the ISP's DKIM signature intact, and
/// DMARC passing on DKIM.
#[cfg(feature = "dkim")]
#[test]
fn a_forwarded_message_fails_spf_but_passes_dkim_and_dmarc_at_the_last_server() {
    let w = run("forwarded");
    let t = w.trace();
    let k = keys(t);
    assert!(k.contains(&"mta.forward"));
    assert_eq!(spf_checkers(t), ["mx", "elsewhere"]);
    let msgs = delivered_at(t);
    assert_eq!(
        msgs.len(),
        1,
        "forwarded, not kept at Dave's old server: {msgs:?}"
    );
    let (host, m) = &msgs[0];
    assert_eq!(host, "elsewhere");
    assert!(
        m.starts_with("Return-Path: <john@isp.example>\r\n"),
        "envelope sender unchanged (no SRS): {m}"
    );
    // The last server's results are on top, above its Received line.
    let last = m
        .split("\r\nReceived: ")
        .next()
        .expect("the head of the message");
    assert!(
        last.contains(
            "Authentication-Results: mail.elsewhere.example;\r\n\tspf=fail smtp.mailfrom=john@isp.example;\r\n\tdkim=pass header.d=isp.example header.s=mail header.b="
        ),
        "{m}"
    );
    assert!(
        last.contains(";\r\n\tdmarc=pass (p=reject dis=none) header.from=isp.example"),
        "{m}"
    );
    // Dave's old server, the first hop, had found SPF passing.
    assert!(
        m.contains("Authentication-Results: mail.dave.example;\r\n\tspf=pass smtp.mailfrom=john@isp.example;"),
        "{m}"
    );
}

/// Issue 18: relaxed versus strict alignment with subdomain senders, both
/// signed d=isp.example: adkim=r passes, adkim=s fails and is refused.
#[cfg(feature = "dkim")]
#[test]
fn a_subdomain_sender_passes_relaxed_alignment_and_fails_strict() {
    let w = run("strict-alignment");
    let t = w.trace();
    let msgs: Vec<(String, String)> = delivered_at(t)
        .into_iter()
        .filter(|(host, _)| host == "mx")
        .collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    let m = &msgs[0].1;
    assert!(m.contains("From: Offers <offers@shop.isp.example>"), "{m}");
    assert!(m.contains("\tspf=none"), "{m}");
    assert!(m.contains("\tdkim=pass header.d=isp.example"), "{m}");
    assert!(
        m.contains("\tdmarc=pass (p=reject dis=none) header.from=shop.isp.example"),
        "{m}"
    );
    let aligned: Vec<&str> = t
        .iter()
        .filter(|e| {
            matches!(
                e.explain.as_deref(),
                Some("auth.dmarc.align.dkim" | "auth.dmarc.align.no")
            )
        })
        .filter_map(|e| match &e.kind {
            EventKind::SenderCheck { text, .. } if text.contains("DKIM") => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        aligned,
        [
            "DMARC: DKIM passed for isp.example, which fits the From domain (relaxed alignment)",
            "DMARC: DKIM passed for isp.example, which does not fit the From domain (strict alignment)",
        ]
    );
    let refusal = t
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Line {
                text,
                parsed: Some(Parsed::Reply { code: 550, .. }),
                ..
            } => Some(text.clone()),
            _ => None,
        })
        .expect("a 550 for the news");
    assert!(
        refusal.starts_with("550 5.7.1 news.isp.example "),
        "{refusal}"
    );
}

/// The web page's build has SPF and DMARC but no cryptography: it says so.
#[cfg(not(feature = "dkim"))]
#[test]
fn without_the_dkim_feature_the_trace_says_dkim_was_not_checked() {
    let w = run("seed-story");
    let t = w.trace();
    let n = keys(t)
        .iter()
        .filter(|k| **k == "auth.dkim.unavailable")
        .count();
    assert_eq!(n, 2, "the ISP does not sign, Dave's server does not check");
    let m = &delivered(t)[0];
    assert!(!m.contains("DKIM-Signature"));
    assert!(m.contains("\tdkim=none;"));
    assert!(m.contains("\tdmarc=pass"), "SPF alone passes for John");
}

#[cfg(feature = "dkim")]
#[test]
fn a_footer_added_by_a_relay_breaks_the_dkim_body_hash_but_spf_still_carries_dmarc() {
    let w = run("altered-in-transit");
    let t = w.trace();
    let k = keys(t);
    for key in [
        "auth.dkim.sign",
        "auth.relay.footer",
        "auth.dkim.bodyhash.fail",
        "auth.dkim.fail.bodyhash",
        "auth.spf.pass",
        "auth.dmarc.align.spf",
        "auth.dmarc.pass",
    ] {
        assert!(k.contains(&key), "{key} missing");
    }
    assert!(!k.contains(&"auth.dkim.pass"));
    let m = &delivered(t)[0];
    assert!(
        m.contains("\tdkim=fail (body hash did not verify) header.d=isp.example"),
        "{m}"
    );
    assert!(
        m.ends_with("-- Scanned for viruses by scan.isp.example\r\n"),
        "{m}"
    );
}

/// Issue 18: `[host.dkim]` on the ISP, with the cast's steps of the seed
/// story (John sends, Dave fetches).
#[cfg(feature = "toml")]
fn signed_with(dkim: &str) -> World {
    let src = format!(
        "name = \"dkim-settings\"\ntitle = \"t\"\ngoal = \"g\"\nseed = 1\n\n[[host]]\nid = \"isp\"\n[host.dkim]\n{dkim}\n\n[[step]]\nat = \"0s\"\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n"
    );
    protocol_core::scenario::Scenario::parse(&src, "dkim.toml")
        .unwrap()
        .run(None)
}

#[cfg(all(feature = "toml", feature = "dkim-rsa"))]
#[test]
fn the_isp_signs_with_ed25519_and_rsa_and_dave_s_server_verifies_both() {
    let w = signed_with("algorithms = [\"ed25519-sha256\", \"rsa-sha256\"]");
    let t = w.trace();
    let k = keys(t);
    let count = |key: &str| k.iter().filter(|x| **x == key).count();
    assert_eq!(count("auth.dkim.sign"), 2, "{k:?}");
    assert_eq!(count("auth.dkim.key"), 2, "{k:?}");
    assert_eq!(count("auth.dkim.pass"), 2, "{k:?}");
    // Dave's server asks for each key, at its own selector.
    let keys_asked: Vec<&str> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::DnsQuery { name, .. } if name.contains("._domainkey.") => {
                Some(name.as_str())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        keys_asked,
        ["mail._domainkey.isp.example", "rsa._domainkey.isp.example"]
    );
    let m = &delivered(t)[0];
    let ed = m
        .find("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=isp.example; s=mail;")
        .expect(m);
    let rsa = m
        .find("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=isp.example; s=rsa;")
        .expect(m);
    assert!(ed < rsa, "the first algorithm's signature is on top\n{m}");
    assert!(m.contains("\tdkim=pass header.d=isp.example header.s=mail header.b="));
    assert!(m.contains("\tdkim=pass header.d=isp.example header.s=rsa header.b="));
    let protocol_core::dns::Answer::Txt { records } = w.zones().query(
        "rsa._domainkey.isp.example",
        protocol_core::dns::RecordType::TXT,
    ) else {
        panic!("no RSA key record")
    };
    assert!(
        records[0].starts_with("v=DKIM1; k=rsa; p=MIIB"),
        "{records:?}"
    );
    // The RSA key comes from the seed too: the same run, the same message.
    assert_eq!(
        delivered(signed_with("algorithms = [\"ed25519-sha256\", \"rsa-sha256\"]").trace())[0],
        *m
    );
}

#[cfg(all(feature = "toml", feature = "dkim"))]
#[test]
fn simple_canonicalisation_can_be_chosen_and_still_verifies() {
    let w = signed_with("canonicalization = \"simple/simple\"");
    let t = w.trace();
    let k = keys(t);
    assert!(k.contains(&"auth.dkim.pass"), "{k:?}");
    let m = &delivered(t)[0];
    assert!(
        m.contains(
            "DKIM-Signature: v=1; a=ed25519-sha256; c=simple/simple; d=isp.example; s=mail;"
        ),
        "{m}"
    );
    assert!(m.contains("\tdkim=pass header.d=isp.example header.s=mail"));
}

/// Issue 18: several `[[dns]] txt` entries for one name are several records
/// (the first replaces the cast's). Two SPF records at isp.example make the
/// SPF result permerror (RFC 7208 §4.5), which Dave's server records (DMARC
/// still passes on the aligned DKIM signature); with one of them the cast's
/// mail passes SPF.
#[cfg(all(feature = "toml", feature = "dkim"))]
#[test]
fn two_spf_records_at_one_name_are_both_published_and_give_permerror() {
    let with = |txt: &[&str]| {
        let mut src = String::from(
            "name = \"two-spf\"\ntitle = \"t\"\ngoal = \"g\"\nseed = 1\n\n[[step]]\nat = \"0s\"\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n",
        );
        for t in txt {
            src.push_str(&format!(
                "\n[[dns]]\ntype = \"txt\"\nname = \"isp.example\"\ntext = \"{t}\"\n"
            ));
        }
        protocol_core::scenario::Scenario::parse(&src, "two-spf.toml")
            .unwrap()
            .run(None)
    };
    let w = with(&["v=spf1 mx -all", "v=spf1 ip4:192.0.2.0/24 -all"]);
    let protocol_core::dns::Answer::Txt { records } = w
        .zones()
        .query("isp.example", protocol_core::dns::RecordType::TXT)
    else {
        panic!("no TXT records at isp.example")
    };
    assert_eq!(
        records,
        ["v=spf1 mx -all", "v=spf1 ip4:192.0.2.0/24 -all"],
        "both entries are records, and the cast's record is replaced"
    );
    let k = keys(w.trace());
    assert!(k.contains(&"auth.spf.permerror.multiple"), "{k:?}");
    let m = &delivered(w.trace())[0];
    assert!(
        m.contains("spf=permerror (isp.example has 2 SPF records) smtp.mailfrom=john@isp.example"),
        "{m}"
    );
    // DMARC still passes: the DKIM signature is aligned.
    assert!(m.contains("dmarc=pass"), "{m}");
    // One record: the cast's mail passes SPF as before.
    let one = with(&["v=spf1 mx -all"]);
    assert!(delivered(one.trace())[0].contains("spf=pass smtp.mailfrom=john@isp.example"));
}

#[cfg(all(feature = "toml", feature = "dkim"))]
#[test]
fn a_broken_zone_is_servfail_a_temporary_failure_for_every_asker() {
    let with = |name: &str| {
        let src = format!(
            "name = \"servfail\"\ntitle = \"t\"\ngoal = \"g\"\nseed = 1\n\n[[step]]\nat = \"0s\"\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n\n[[dns]]\ntype = \"servfail\"\nname = \"{name}\"\n"
        );
        protocol_core::scenario::Scenario::parse(&src, "servfail.toml")
            .unwrap()
            .run(None)
    };
    // isp.example's SPF record cannot be fetched: SPF temperror (RFC 7208
    // §2.6.6). The message is still delivered: DMARC passes on the aligned
    // DKIM signature, whose key is at another name.
    let w = with("isp.example");
    let k = keys(w.trace());
    assert!(k.contains(&"dns.answer.servfail"), "{k:?}");
    assert!(k.contains(&"auth.spf.temperror"), "{k:?}");
    let m = &delivered(w.trace())[0];
    assert!(m.contains("spf=temperror"), "{m}");
    assert!(m.contains("dkim=pass") && m.contains("dmarc=pass"), "{m}");
    // dave.example's MX cannot be fetched: the ISP keeps the message and
    // asks again at every retry (RFC 5321 §5.1), never NXDOMAIN's bounce at
    // once; John hears only when the queue gives up.
    let w = with("dave.example");
    assert!(w.mailbox("dave", "dave").is_empty(), "never delivered");
    let mx_servfails = w
        .trace()
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::DnsAnswer { name, answer: protocol_core::dns::Answer::ServFail, .. } if name == "dave.example"))
        .count();
    assert!(mx_servfails > 5, "one question per try: {mx_servfails}");
    let bounce = w.mailbox("isp", "john");
    assert_eq!(bounce.len(), 1);
    let text = String::from_utf8_lossy(&bounce[0].data);
    assert!(text.contains("SERVFAIL"), "{text}");
}
