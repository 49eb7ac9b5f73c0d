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

#[test]
fn a_filter_of_dave_s_own_domain_is_not_checked_again() {
    let w = run("spam-filter");
    let k = keys(w.trace());
    assert!(k.contains(&"auth.skip.own-server"));
    assert!(
        !k.contains(&"auth.spf.check.mailfrom"),
        "SPF of the filter's address would fail"
    );
    assert_eq!(delivered(w.trace()).len(), 1);
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
