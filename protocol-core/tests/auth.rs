//! SPF, DKIM and DMARC against the case tables in `tests/common/auth_cases.rs`,
//! and the `Authentication-Results:` header built from them.

mod common;

use common::auth_cases::*;
use protocol_core::auth::dmarc::{DmarcEval, Policy};
use protocol_core::auth::spf::{SpfEval, SpfEvent, SpfResult};
use protocol_core::auth::{authentication_results, resolve_with, Evaluator, Step};
use protocol_core::dns::RecordType;
use protocol_core::explain::lookup;

#[test]
fn spf_case_table() {
    let z = zones();
    let mut bad = Vec::new();
    for c in spf_cases() {
        let (out, keys) = run_spf(&c, &z);
        if out.result != c.want || out.key != c.key {
            bad.push(format!(
                "{}: got {:?} {} ({:?}), want {:?} {}",
                c.name, out.result, out.key, out.reason, c.want, c.key
            ));
        }
        for k in keys {
            assert!(lookup(k).is_some(), "{k} is not in the table");
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn spf_asks_one_question_at_a_time_and_narrates_each_mechanism() {
    let z = zones();
    let mut e = SpfEval::for_mail_from(MX, Some("x@order.example"), "mail.dave.example");
    let Step::Query(q) = e.poll_step() else {
        panic!()
    };
    assert_eq!(
        (q.name.as_str(), q.qtype),
        ("order.example", RecordType::TXT)
    );
    // Asking again without an answer repeats the question.
    assert_eq!(e.poll_step(), Step::Query(q.clone()));
    e.handle_answer(Some(z.query(&q.name, q.qtype)));
    let Step::Query(q) = e.poll_step() else {
        panic!()
    };
    assert_eq!((q.name.as_str(), q.qtype), ("dave.example", RecordType::MX));
    e.handle_answer(Some(z.query(&q.name, q.qtype)));
    let Step::Query(q) = e.poll_step() else {
        panic!()
    };
    assert_eq!(
        (q.name.as_str(), q.qtype),
        ("mail.dave.example", RecordType::A)
    );
    e.handle_answer(Some(z.query(&q.name, q.qtype)));
    let Step::Done(out) = e.poll_step() else {
        panic!()
    };
    assert_eq!(out.result, SpfResult::Pass);
    assert_eq!(out.lookups, 1);
    let events: Vec<SpfEvent> = std::iter::from_fn(|| e.poll_event()).collect();
    let mechs: Vec<(String, bool)> = events
        .iter()
        .filter_map(|e| match e {
            SpfEvent::Mechanism { term, matched, .. } => Some((term.clone(), *matched)),
            _ => None,
        })
        .collect();
    assert_eq!(
        mechs,
        vec![
            ("ip4:192.0.2.0/24".to_string(), false),
            ("mx:dave.example".to_string(), true)
        ]
    );
    assert!(matches!(
        events.last(),
        Some(SpfEvent::Result {
            result: SpfResult::Pass,
            ..
        })
    ));
    assert_eq!(e.poll_event(), None);
}

#[test]
fn spf_include_is_narrated_with_depth() {
    let z = zones();
    let mut e = SpfEval::for_mail_from(JOHN_PC, Some("x@include.example"), "h");
    let (out, asked) = resolve_with(&mut e, &z);
    assert_eq!(out.result, SpfResult::Pass);
    let names: Vec<&str> = asked.iter().map(|(q, _)| q.name.as_str()).collect();
    assert_eq!(names, ["include.example", "isp.example"]);
    assert!(e.events().iter().any(|ev| matches!(ev, SpfEvent::Mechanism { depth: 1, term, matched: true, .. } if term == "ip4:192.0.2.0/24")));
    assert!(e.events().iter().any(|ev| matches!(ev, SpfEvent::Mechanism { depth: 0, term, matched: true, .. } if term == "include:isp.example")));
}

#[test]
fn spf_counts_lookups_to_the_limit() {
    let z = zones();
    let mut e = SpfEval::for_mail_from(STRANGER, Some("x@toomany.example"), "h");
    let (out, asked) = resolve_with(&mut e, &z);
    assert_eq!(out.result, SpfResult::PermError);
    assert_eq!(out.lookups, 11);
    // The record, then ten A lookups; the eleventh term is refused unasked.
    assert_eq!(asked.len(), 11);
}

#[test]
fn dmarc_case_table() {
    let z = zones();
    let mut bad = Vec::new();
    for c in dmarc_cases() {
        let (out, keys) = run_dmarc(&c, &z);
        if out.key != c.key || out.disposition.as_str() != c.disposition {
            bad.push(format!(
                "{}: got {} {:?}, want {} {}",
                c.name, out.key, out.disposition, c.key, c.disposition
            ));
        }
        for k in keys {
            assert!(lookup(k).is_some(), "{k} is not in the table");
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn dmarc_falls_back_to_the_organisational_domain() {
    let z = zones();
    let mut e = DmarcEval::new("a.sub.example", None, &[], 0);
    let (out, asked) = resolve_with(&mut e, &z);
    let names: Vec<&str> = asked.iter().map(|(q, _)| q.name.as_str()).collect();
    assert_eq!(names, ["_dmarc.a.sub.example", "_dmarc.sub.example"]);
    assert_eq!(out.policy, Some(Policy::Quarantine));
}

#[test]
fn the_stranger_forging_john_is_rejected_and_the_header_says_why() {
    let z = zones();
    let mut spf = SpfEval::for_mail_from(STRANGER, Some("john@isp.example"), "stranger.example");
    let (spf, _) = resolve_with(&mut spf, &z);
    let mut dmarc = DmarcEval::new("isp.example", Some(&spf), &[], 0);
    let (dmarc, _) = resolve_with(&mut dmarc, &z);
    assert_eq!(dmarc.disposition, Policy::Reject);
    let ar = authentication_results("mail.dave.example", &spf, &[], &dmarc);
    assert_eq!(
        ar,
        "mail.dave.example;\r\n\tspf=fail smtp.mailfrom=john@isp.example;\r\n\tdkim=none;\r\n\tdmarc=fail (p=reject dis=reject) header.from=isp.example"
    );
}

#[test]
fn a_bounce_is_checked_by_its_helo_name() {
    let z = zones();
    let mut spf = SpfEval::for_mail_from(ISP, None, "smtp.isp.example");
    let (spf, _) = resolve_with(&mut spf, &z);
    assert_eq!(spf.result, SpfResult::Pass);
    assert_eq!(spf.sender, "postmaster@smtp.isp.example");
    // An SPF pass for the HELO name does not count for DMARC (RFC 7489 §4.1).
    let mut dmarc = DmarcEval::new("isp.example", Some(&spf), &[], 0);
    let (dmarc, _) = resolve_with(&mut dmarc, &z);
    assert!(!dmarc.spf_aligned);
    let ar = authentication_results("mail.dave.example", &spf, &[], &dmarc);
    assert!(ar.contains("spf=pass smtp.helo=smtp.isp.example"), "{ar}");
}

#[cfg(feature = "dkim")]
mod dkim {
    use super::*;
    use common::auth_cases::dkim::*;
    use protocol_core::auth::dkim::{body_hash, Canon, DkimEvent, DkimVerifier};

    #[test]
    fn dkim_case_table() {
        let z = zones_with_keys();
        let mut bad = Vec::new();
        for c in cases() {
            let (res, seen) = verify(&c.message, &z);
            let got = res.first().map_or("auth.dkim.none", |v| v.key);
            if got != c.key {
                bad.push(format!(
                    "{}: got {got} ({:?}), want {}",
                    c.name,
                    res.first().map(|v| &v.outcome.reason),
                    c.key
                ));
            }
            for k in seen {
                assert!(lookup(k).is_some(), "{k} is not in the table");
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn verification_shows_the_canonical_headers_and_body_hash() {
        let z = zones_with_keys();
        let m = signer(ed_key(), "ed", (Canon::Relaxed, Canon::Relaxed))
            .sign_message(MESSAGE.as_bytes());
        let mut v = DkimVerifier::new(&m);
        let Step::Query(q) = v.poll_step() else {
            panic!()
        };
        assert_eq!(
            (q.name.as_str(), q.qtype),
            ("ed._domainkey.isp.example", RecordType::TXT)
        );
        v.handle_answer(Some(z.query(&q.name, q.qtype)));
        let Step::Done(res) = v.poll_step() else {
            panic!()
        };
        let r = &res[0];
        assert_eq!(r.outcome.result, "pass");
        assert_eq!(r.body_hash, r.claimed_body_hash);
        assert_eq!(
            r.body_hash,
            body_hash(
                b"Hi Dave,\r\n\r\nshall we meet at noon?\r\nJohn\r\n",
                Canon::Simple,
                None
            )
            .0
        );
        assert!(r.canonical_headers.starts_with("from:John <john@isp.example>\r\nto:Dave <dave@dave.example>\r\nsubject:Lunch on Friday?\r\ndate:"), "{}", r.canonical_headers);
        assert!(r.canonical_headers.contains("dkim-signature:v=1; a=ed25519-sha256; c=relaxed/relaxed; d=isp.example; s=ed; t=1704448800; h=from:to:subject:date:message-id; bh="));
        assert!(r.canonical_headers.ends_with("; b="));
        let kinds: Vec<&str> = std::iter::from_fn(|| v.poll_event())
            .map(|e| e.explain_key())
            .collect();
        assert_eq!(
            kinds,
            [
                "auth.dkim.signature",
                "auth.dkim.key",
                "auth.dkim.bodyhash",
                "auth.dkim.headers",
                "auth.dkim.pass"
            ]
        );
        let _ = DkimEvent::NoSignature;
    }

    #[test]
    fn keys_are_the_same_for_the_same_seed_and_differ_otherwise() {
        use protocol_core::auth::dkim::PrivateKey;
        let a = PrivateKey::ed25519_from_seed(7, "isp.example", "ed").dns_txt();
        assert_eq!(
            a,
            PrivateKey::ed25519_from_seed(7, "ISP.example", "ed").dns_txt()
        );
        assert_ne!(
            a,
            PrivateKey::ed25519_from_seed(8, "isp.example", "ed").dns_txt()
        );
        assert_ne!(
            a,
            PrivateKey::ed25519_from_seed(7, "isp.example", "ed2").dns_txt()
        );
        assert!(a.starts_with("v=DKIM1; k=ed25519; p="));
        // The same message signed twice gives the same field (Ed25519 is deterministic).
        let s = signer(ed_key(), "ed", (Canon::Relaxed, Canon::Relaxed));
        assert_eq!(s.sign(MESSAGE.as_bytes()), s.sign(MESSAGE.as_bytes()));
    }

    #[test]
    fn a_forwarded_message_passes_dmarc_by_dkim() {
        let z = zones_with_keys();
        let m = signer(ed_key(), "ed", (Canon::Relaxed, Canon::Relaxed))
            .sign_message(MESSAGE.as_bytes());
        // The forwarder relays from its own address: SPF for isp.example fails.
        let mut spf = SpfEval::for_mail_from(
            std::net::Ipv4Addr::new(198, 51, 100, 77),
            Some("john@isp.example"),
            "forwarder.example",
        );
        let (spf, _) = resolve_with(&mut spf, &z);
        assert_eq!(spf.result, SpfResult::Fail);
        let (dkim, _) = verify(&m, &z);
        let outcomes: Vec<_> = dkim.iter().map(|v| v.outcome.clone()).collect();
        let from = protocol_core::auth::dmarc::from_domain(&m).unwrap();
        let mut dmarc = DmarcEval::new(&from, Some(&spf), &outcomes, 0);
        let (dmarc, _) = resolve_with(&mut dmarc, &z);
        assert_eq!(
            (dmarc.result.as_str(), dmarc.disposition),
            ("pass", Policy::None)
        );
        let ar = authentication_results("mail.dave.example", &spf, &outcomes, &dmarc);
        assert!(
            ar.contains("\tdkim=pass header.d=isp.example header.s=ed header.b="),
            "{ar}"
        );
        assert!(
            ar.ends_with("dmarc=pass (p=reject dis=none) header.from=isp.example"),
            "{ar}"
        );
    }

    // RFC 8463 Appendix A: the keys (A.2) and the message signed by
    // football.example.com with ed25519-sha256 (selector brisbane) and
    // rsa-sha256 (selector test), as published. The Ed25519 secret is the
    // one of RFC 8032 §7.1 TEST 1 (the RFC prints it base64-encoded). The
    // RFC prints the body with "Joe." as its last line; whether a blank line
    // follows does not matter to relaxed body canonicalisation.
    const RFC8463_ED_SECRET: &str = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    const RFC8463_ED_P: &str = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    #[cfg(feature = "dkim-rsa")]
    const RFC8463_RSA_P: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB";
    const RFC8463_ED_FIELD: &str = concat!(
        "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n",
        " d=football.example.com; i=@football.example.com;\r\n",
        " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n",
        " subject : date : message-id : from : subject : date;\r\n",
        " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n",
        " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n",
        " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n",
    );
    const RFC8463_RSA_FIELD: &str = concat!(
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n",
        " d=football.example.com; i=@football.example.com;\r\n",
        " q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n",
        " date : message-id : from : subject : date;\r\n",
        " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n",
        " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r\n",
        " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r\n",
        " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r\n",
    );
    const RFC8463_MESSAGE: &str = concat!(
        "From: Joe SixPack <joe@football.example.com>\r\n",
        "To: Suzie Q <suzie@shopping.example.net>\r\n",
        "Subject: Is dinner ready?\r\n",
        "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n",
        "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n",
        "\r\n",
        "Hi.\r\n",
        "\r\n",
        "We lost the game.  Are you hungry yet?\r\n",
        "\r\n",
        "Joe.\r\n",
    );

    fn rfc8463_zones() -> protocol_core::dns::Zones {
        let mut z = protocol_core::dns::Zones::new();
        z.add_txt(
            "brisbane._domainkey.football.example.com",
            &format!("v=DKIM1; k=ed25519; p={RFC8463_ED_P}"),
        );
        #[cfg(feature = "dkim-rsa")]
        z.add_txt(
            "test._domainkey.football.example.com",
            &format!("v=DKIM1; k=rsa; p={RFC8463_RSA_P}"),
        );
        z
    }

    fn rfc8463_signer() -> protocol_core::auth::dkim::Signer {
        use base64::Engine;
        use protocol_core::auth::dkim::{PrivateKey, Signer};
        let secret: [u8; 32] = base64::engine::general_purpose::STANDARD
            .decode(RFC8463_ED_SECRET)
            .unwrap()
            .try_into()
            .unwrap();
        let key = PrivateKey::ed25519_from_secret(&secret);
        // The secret gives the RFC's published public key.
        assert_eq!(key.public_b64(), RFC8463_ED_P);
        let mut s = Signer::new("football.example.com", "brisbane", key);
        s.headers = "from:to:subject:date:message-id:from:subject:date"
            .split(':')
            .map(String::from)
            .collect();
        s.timestamp = Some(1_528_637_909);
        s
    }

    // RFC 6376 Appendix A.2: the message joe@football.example.com signed for
    // example.com (selector brisbane), rsa-sha256 with simple/simple, and
    // the public key of Appendix C (an RSAPublicKey, PKCS#1). The bytes are
    // the example with its errata 3192 (the body) and 4926 (the folding
    // whitespace) applied, as other implementations' test suites carry it
    // (viadkim's tests/rfc_appendix_a.rs); the RFC's own text was not
    // available on this machine.
    #[cfg(feature = "dkim-rsa")]
    const RFC6376_BRISBANE_P: &str = concat!(
        "MIGJAoGBAPAhE/9QLdIGwSYapn1klbf8OQygZ4udCDV9afv/Ni0jE3ZKcUKPE4Io",
        "b2/dviNh9xM2HmKNKyrrfW4Ei0truh36/9G10LZTMnWVZP3jupH5FxpzaBu2j80y",
        "onR/N9WMfg64qGK11j21/qZzAaNo0FxZOggyY9I8N1A81RhyRxDZAgMBAAE=",
    );
    #[cfg(feature = "dkim-rsa")]
    const RFC6376_A2: &str = concat!(
        "DKIM-Signature: v=1; a=rsa-sha256; s=brisbane; d=example.com;\r\n",
        "      c=simple/simple; q=dns/txt; i=joe@football.example.com;\r\n",
        "      h=Received : From : To : Subject : Date : Message-ID;\r\n",
        "      bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n",
        "      b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB\r\n",
        "        4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6L/LbvaHut\r\n",
        "        KVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV\r\n",
        "        4bmp/YzhwvcubU4=;\r\n",
        "Received: from client1.football.example.com  [192.0.2.1]\r\n",
        "      by submitserver.example.com with SUBMISSION;\r\n",
        "      Fri, 11 Jul 2003 21:01:54 -0700 (PDT)\r\n",
        "From: Joe SixPack <joe@football.example.com>\r\n",
        "To: Suzie Q <suzie@shopping.example.net>\r\n",
        "Subject: Is dinner ready?\r\n",
        "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n",
        "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n",
        "\r\n",
        "Hi.\r\n",
        "\r\n",
        "We lost the game. Are you hungry yet?\r\n",
        "\r\n",
        "Joe.\r\n",
    );

    #[cfg(feature = "dkim-rsa")]
    #[test]
    fn rfc_6376_appendix_a_verifies_with_its_errata() {
        let mut z = protocol_core::dns::Zones::new();
        z.add_txt(
            "brisbane._domainkey.example.com",
            &format!("v=DKIM1; k=rsa; p={RFC6376_BRISBANE_P}"),
        );
        // The body hash that RFC 6376 A.2 publishes (its bh=).
        const BH: &str = "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=";
        let (res, _) = verify(RFC6376_A2.as_bytes(), &z);
        assert_eq!(res.len(), 1);
        assert_eq!(res[0].outcome.result, "pass", "{res:?}");
        assert_eq!(res[0].body_hash, BH);
        // simple/simple keeps every byte: two spaces in the body change the
        // body hash, and a signed header folded otherwise the signature.
        let two_spaces = RFC6376_A2.replace("game. Are", "game.  Are");
        let (res, _) = verify(two_spaces.as_bytes(), &z);
        assert_eq!(res[0].outcome.result, "fail", "{res:?}");
        assert_ne!(res[0].body_hash, BH);
        let refolded = RFC6376_A2.replace("\r\n      by submitserver", "\r\n by submitserver");
        let (res, _) = verify(refolded.as_bytes(), &z);
        assert_eq!(res[0].outcome.result, "fail", "{res:?}");
        assert_eq!(res[0].body_hash, BH);
    }

    #[test]
    fn rfc_8463_appendix_a_verifies() {
        let z = rfc8463_zones();
        let signed = format!("{RFC8463_ED_FIELD}{RFC8463_RSA_FIELD}{RFC8463_MESSAGE}");
        let (res, _) = verify(signed.as_bytes(), &z);
        let got: Vec<(&str, &str)> = res
            .iter()
            .map(|v| (v.outcome.selector.as_str(), v.outcome.result))
            .collect();
        #[cfg(feature = "dkim-rsa")]
        assert_eq!(got, [("brisbane", "pass"), ("test", "pass")], "{res:?}");
        #[cfg(not(feature = "dkim-rsa"))]
        assert_eq!(got[0], ("brisbane", "pass"), "{res:?}");
        assert_eq!(
            res[0].body_hash,
            "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="
        );
        // A changed header breaks the Ed25519 signature.
        let changed = signed.replace("Is dinner ready?", "Is dinner ready!");
        let (res, _) = verify(changed.as_bytes(), &z);
        assert_eq!(res[0].outcome.result, "fail", "{res:?}");
    }

    #[test]
    fn rfc_8463_appendix_a_our_signer_gives_the_same_bh_and_b() {
        let s = rfc8463_signer();
        // Our own field: the RFC's bh=, and a signature the RFC's key verifies.
        let ours = s.sign(RFC8463_MESSAGE.as_bytes());
        assert!(
            ours.contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;"),
            "{ours}"
        );
        let (res, _) = verify(
            format!("{ours}{RFC8463_MESSAGE}").as_bytes(),
            &rfc8463_zones(),
        );
        assert_eq!(res[0].outcome.result, "pass", "{res:?}");
        // Our field lays the tags out differently from the RFC's, so the b=
        // differs; over the RFC's own field (b= emptied) our signer gives
        // exactly the published b= (Ed25519 is deterministic).
        let (head, published_b) = RFC8463_ED_FIELD.split_once(" b=").unwrap();
        let unsigned = format!("{head} b=");
        let b = s.sign_field(RFC8463_MESSAGE.as_bytes(), &unsigned);
        let published: String = published_b
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        assert_eq!(b, published);
    }

    #[test]
    fn a_dkim_timeout_is_temperror_and_the_evaluator_moves_on() {
        let m = signer(ed_key(), "ed", (Canon::Relaxed, Canon::Relaxed))
            .sign_message(MESSAGE.as_bytes());
        let m2 = [
            signer(ed_key(), "nosuch", (Canon::Relaxed, Canon::Relaxed))
                .sign(&m)
                .into_bytes(),
            m.clone(),
        ]
        .concat();
        let mut v = DkimVerifier::new(&m2);
        let mut n = 0;
        let res = loop {
            match v.poll_step() {
                Step::Query(_) => {
                    n += 1;
                    v.handle_answer(None);
                }
                Step::Done(r) => break r,
            }
        };
        assert_eq!(n, 2);
        assert!(res.iter().all(|r| r.outcome.result == "temperror"));
    }
}
