//! The SPF, DKIM and DMARC case tables, shared by `tests/auth.rs`, the
//! interop check against pyspf and dkimpy (`tests/auth_interop.rs`) and the
//! explanation probes.

use protocol_core::auth::dmarc::DmarcEval;
use protocol_core::auth::spf::{SpfEval, SpfOutcome, SpfResult};
use protocol_core::auth::{DkimOutcome, Evaluator, Step};
use protocol_core::dns::{Answer, Zones};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

pub const JOHN_PC: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 10);
pub const ISP: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 25);
pub const MX: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 25);
pub const STRANGER: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 66);

/// The cast's zones with SPF and DMARC records, and the extra names the
/// SPF cases need (modelled on the RFC 7208 test suite's themes).
pub fn zones() -> Zones {
    let mut z = Zones::new();
    for (n, a) in [
        ("john-pc.isp.example", JOHN_PC),
        ("smtp.isp.example", ISP),
        ("pop.isp.example", ISP),
        ("ns.example", Ipv4Addr::new(192, 0, 2, 53)),
        ("mail.dave.example", MX),
        ("dave-pc.dave.example", Ipv4Addr::new(198, 51, 100, 10)),
        ("stranger.example", STRANGER),
        ("forwarder.example", Ipv4Addr::new(198, 51, 100, 77)),
    ] {
        z.add_a(n, a);
    }
    z.add_mx("isp.example", 10, "smtp.isp.example");
    z.add_mx("dave.example", 10, "mail.dave.example");
    let txt = [
        ("isp.example", "v=spf1 ip4:192.0.2.0/24 mx -all"),
        ("dave.example", "v=spf1 mx ~all"),
        ("smtp.isp.example", "v=spf1 a -all"),
        ("stranger.example", "v=spf1 a -all"),
        (
            "_dmarc.isp.example",
            "v=DMARC1; p=reject; rua=mailto:dmarc@isp.example",
        ),
        ("_dmarc.dave.example", "v=DMARC1; p=none"),
        ("strict.example", "v=spf1 ip4:192.0.2.0/24 -all"),
        ("news.strict.example", "v=spf1 ip4:192.0.2.0/24 -all"),
        (
            "_dmarc.strict.example",
            "v=DMARC1; p=quarantine; aspf=s; adkim=s",
        ),
        ("_dmarc.sub.example", "v=DMARC1; p=reject; sp=quarantine"),
        ("a.sub.example", "v=spf1 -all"),
        ("half.example", "v=spf1 -all"),
        ("_dmarc.half.example", "v=DMARC1; p=reject; pct=50"),
        ("neutral.example", "v=spf1 ?all"),
        ("plus.example", "V=SPF1 +ALL"),
        ("include.example", "v=spf1 include:isp.example -all"),
        ("include-fail.example", "v=spf1 include:strict.example ~all"),
        ("include-none.example", "v=spf1 include:plain.example -all"),
        ("redirect.example", "v=spf1 redirect=isp.example"),
        ("redirect-none.example", "v=spf1 redirect=plain.example"),
        ("loop.example", "v=spf1 include:loop.example -all"),
        ("two.example", "v=spf1 -all"),
        ("two.example", "v=spf1 +all"),
        ("bad.example", "v=spf1 ip4:192.0.2.0/33 -all"),
        ("unknown-mech.example", "v=spf1 foo:bar -all"),
        (
            "exists.example",
            "v=spf1 exists:%{i}.allow.exists.example -all",
        ),
        ("ptr.example", "v=spf1 ptr -all"),
        ("ip6.example", "v=spf1 ip6:2001:db8::/32 -all"),
        ("cidr.example", "v=spf1 a:mail.dave.example/24 -all"),
        (
            "void.example",
            "v=spf1 a:nx1.example a:nx2.example a:nx3.example -all",
        ),
        (
            "twovoids.example",
            "v=spf1 a:nx1.example mx:nx2.example ~all",
        ),
        ("timeout.example", "v=spf1 a:dns-timeout.example -all"),
        ("many-mx.example", "v=spf1 mx -all"),
        ("other-txt.example", "google-site-verification=abc"),
        ("other-txt.example", "v=spf1 ip4:192.0.2.10 -all"),
        (
            "modifier.example",
            "v=spf1 moo=cow exp=explain.example ip4:192.0.2.10 -all",
        ),
        ("softfail.example", "v=spf1 ~all"),
        (
            "order.example",
            "v=spf1 ip4:192.0.2.0/24 mx:dave.example -all",
        ),
    ];
    for (n, t) in txt {
        z.add_txt(n, t);
    }
    z.add_a("plain.example", Ipv4Addr::new(203, 0, 113, 9));
    z.add_a(
        "192.0.2.10.allow.exists.example",
        Ipv4Addr::new(127, 0, 0, 2),
    );
    // Eleven names with addresses (none of them the client's): 11 lookups.
    let mut many = String::from("v=spf1");
    for i in 1..=11 {
        let n = format!("h{i}.toomany.example");
        z.add_a(&n, Ipv4Addr::new(203, 0, 113, 100 + i));
        many.push_str(&format!(" a:{n}"));
    }
    many.push_str(" -all");
    z.add_txt("toomany.example", &many);
    for i in 1..=11u8 {
        let n = format!("mx{i}.many-mx.example");
        z.add_mx("many-mx.example", u16::from(i), &n);
        z.add_a(&n, Ipv4Addr::new(203, 0, 113, 200 + i));
    }
    z
}

/// Answers from `zones`, except names containing `timeout`, which get no
/// answer (a DNS timeout).
pub fn answer(zones: &Zones, name: &str, qtype: protocol_core::dns::RecordType) -> Option<Answer> {
    (!name.contains("timeout")).then(|| zones.query(name, qtype))
}

/// Runs an evaluator with [`answer`].
pub fn drive<E: Evaluator>(e: &mut E, zones: &Zones) -> E::Output {
    loop {
        match e.poll_step() {
            Step::Done(out) => return out,
            Step::Query(q) => {
                let a = answer(zones, &q.name, q.qtype);
                e.handle_answer(a);
            }
        }
    }
}

/// One SPF case: client address, MAIL FROM (`None`: `<>`), HELO name, the
/// expected result and the expected explanation key of the result.
pub struct SpfCase {
    pub name: &'static str,
    pub ip: Ipv4Addr,
    pub mail_from: Option<&'static str>,
    pub helo: &'static str,
    pub want: SpfResult,
    pub key: &'static str,
}

pub fn spf_cases() -> Vec<SpfCase> {
    use SpfResult::*;
    let c = |name, ip, mail_from, helo, want, key| SpfCase {
        name,
        ip,
        mail_from,
        helo,
        want,
        key,
    };
    vec![
        c(
            "ip4 range passes John's PC",
            JOHN_PC,
            Some("john@isp.example"),
            "john-pc.isp.example",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "mx passes the ISP's server",
            ISP,
            Some("john@isp.example"),
            "smtp.isp.example",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "the stranger fails -all",
            STRANGER,
            Some("john@isp.example"),
            "stranger.example",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "~all is softfail",
            STRANGER,
            Some("dave@dave.example"),
            "stranger.example",
            SoftFail,
            "auth.spf.softfail",
        ),
        c(
            "mx matches Dave's server",
            MX,
            Some("dave@dave.example"),
            "mail.dave.example",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "?all is neutral",
            STRANGER,
            Some("x@neutral.example"),
            "stranger.example",
            Neutral,
            "auth.spf.neutral",
        ),
        c(
            "upper case record and +ALL",
            STRANGER,
            Some("x@plus.example"),
            "stranger.example",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "no record is none",
            STRANGER,
            Some("x@plain.example"),
            "stranger.example",
            None,
            "auth.spf.none",
        ),
        c(
            "no such domain is none",
            STRANGER,
            Some("x@nowhere.example"),
            "stranger.example",
            None,
            "auth.spf.none",
        ),
        c(
            "single-label domain is none",
            STRANGER,
            Some("x@localhost"),
            "stranger.example",
            None,
            "auth.spf.none",
        ),
        c(
            "include passes",
            JOHN_PC,
            Some("x@include.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "include's fail does not match",
            STRANGER,
            Some("x@include.example"),
            "h",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "include's fail goes on to ~all",
            STRANGER,
            Some("x@include-fail.example"),
            "h",
            SoftFail,
            "auth.spf.softfail",
        ),
        c(
            "include of a domain without SPF",
            STRANGER,
            Some("x@include-none.example"),
            "h",
            PermError,
            "auth.spf.permerror.no-record",
        ),
        c(
            "redirect passes",
            JOHN_PC,
            Some("x@redirect.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "redirect fails",
            STRANGER,
            Some("x@redirect.example"),
            "h",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "redirect to a domain without SPF",
            STRANGER,
            Some("x@redirect-none.example"),
            "h",
            PermError,
            "auth.spf.permerror.no-record",
        ),
        c(
            "include loop hits the lookup limit",
            STRANGER,
            Some("x@loop.example"),
            "h",
            PermError,
            "auth.spf.permerror.lookups",
        ),
        c(
            "11 a mechanisms: too many lookups",
            STRANGER,
            Some("x@toomany.example"),
            "h",
            PermError,
            "auth.spf.permerror.lookups",
        ),
        c(
            "11 MX hosts",
            STRANGER,
            Some("x@many-mx.example"),
            "h",
            PermError,
            "auth.spf.permerror.lookups",
        ),
        c(
            "three void lookups",
            STRANGER,
            Some("x@void.example"),
            "h",
            PermError,
            "auth.spf.permerror.void",
        ),
        c(
            "two void lookups are allowed",
            STRANGER,
            Some("x@twovoids.example"),
            "h",
            SoftFail,
            "auth.spf.softfail",
        ),
        c(
            "two SPF records",
            STRANGER,
            Some("x@two.example"),
            "h",
            PermError,
            "auth.spf.permerror.multiple",
        ),
        c(
            "bad CIDR length",
            STRANGER,
            Some("x@bad.example"),
            "h",
            PermError,
            "auth.spf.permerror.syntax",
        ),
        c(
            "unknown mechanism",
            JOHN_PC,
            Some("x@unknown-mech.example"),
            "h",
            PermError,
            "auth.spf.permerror.syntax",
        ),
        c(
            "exists with a macro",
            JOHN_PC,
            Some("x@exists.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "exists finds nothing",
            STRANGER,
            Some("x@exists.example"),
            "h",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "ptr never matches here",
            STRANGER,
            Some("x@ptr.example"),
            "h",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "ip6 never matches an IPv4 client",
            STRANGER,
            Some("x@ip6.example"),
            "h",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "a with a /24",
            Ipv4Addr::new(198, 51, 100, 10),
            Some("x@cidr.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "a with a /24, outside",
            STRANGER,
            Some("x@cidr.example"),
            "h",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "DNS timeout",
            STRANGER,
            Some("x@timeout.example"),
            "h",
            TempError,
            "auth.spf.temperror",
        ),
        c(
            "other TXT records are ignored",
            JOHN_PC,
            Some("x@other-txt.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "unknown modifiers are ignored",
            JOHN_PC,
            Some("x@modifier.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "null reverse-path: HELO passes",
            ISP,
            Option::None,
            "smtp.isp.example",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "null reverse-path: forged HELO fails",
            STRANGER,
            Option::None,
            "smtp.isp.example",
            Fail,
            "auth.spf.fail",
        ),
        c(
            "sender without local part",
            ISP,
            Some("@isp.example"),
            "h",
            Pass,
            "auth.spf.pass",
        ),
        c(
            "softfail.example",
            STRANGER,
            Some("x@softfail.example"),
            "h",
            SoftFail,
            "auth.spf.softfail",
        ),
    ]
}

/// Runs one SPF case; returns the outcome and the keys of its events.
pub fn run_spf(case: &SpfCase, z: &Zones) -> (SpfOutcome, Vec<&'static str>) {
    let mut e = SpfEval::for_mail_from(case.ip, case.mail_from, case.helo);
    let out = drive(&mut e, z);
    let mut keys = Vec::new();
    while let Some(ev) = e.poll_event() {
        keys.push(ev.explain_key());
    }
    (out, keys)
}

/// A DMARC case: From domain, SPF (MAIL FROM domain and result), DKIM
/// (d= and result), the pct roll, then the expected result, disposition key.
pub struct DmarcCase {
    pub name: &'static str,
    pub from: &'static str,
    pub spf: (&'static str, SpfResult),
    pub dkim: Vec<(&'static str, &'static str)>,
    pub roll: u8,
    pub key: &'static str,
    pub disposition: &'static str,
}

pub fn dmarc_cases() -> Vec<DmarcCase> {
    use SpfResult::*;
    let c = |name, from, spf, dkim, roll, key, disposition| DmarcCase {
        name,
        from,
        spf,
        dkim,
        roll,
        key,
        disposition,
    };
    vec![
        c(
            "John's own mail: SPF and DKIM aligned",
            "isp.example",
            ("isp.example", Pass),
            vec![("isp.example", "pass")],
            0,
            "auth.dmarc.pass",
            "none",
        ),
        c(
            "the stranger forges From: john",
            "isp.example",
            ("stranger.example", Pass),
            vec![],
            0,
            "auth.dmarc.fail.reject",
            "reject",
        ),
        c(
            "SPF fails, no DKIM",
            "isp.example",
            ("isp.example", Fail),
            vec![],
            0,
            "auth.dmarc.fail.reject",
            "reject",
        ),
        c(
            "a forwarder: SPF breaks, DKIM survives",
            "isp.example",
            ("forwarder.example", Fail),
            vec![("isp.example", "pass")],
            0,
            "auth.dmarc.pass",
            "none",
        ),
        c(
            "DKIM by another domain is not aligned",
            "isp.example",
            ("stranger.example", Pass),
            vec![("stranger.example", "pass")],
            0,
            "auth.dmarc.fail.reject",
            "reject",
        ),
        c(
            "a failed DKIM signature does not count",
            "isp.example",
            ("stranger.example", Pass),
            vec![("isp.example", "fail")],
            0,
            "auth.dmarc.fail.reject",
            "reject",
        ),
        c(
            "p=none only reports",
            "dave.example",
            ("stranger.example", Pass),
            vec![],
            0,
            "auth.dmarc.fail.none",
            "none",
        ),
        c(
            "no policy: none",
            "plain.example",
            ("plain.example", Fail),
            vec![],
            0,
            "auth.dmarc.none",
            "none",
        ),
        c(
            "relaxed: a subdomain sender aligns",
            "news.isp.example",
            ("isp.example", Pass),
            vec![],
            0,
            "auth.dmarc.pass",
            "none",
        ),
        c(
            "strict: a subdomain MAIL FROM does not align",
            "strict.example",
            ("news.strict.example", Pass),
            vec![],
            0,
            "auth.dmarc.fail.quarantine",
            "quarantine",
        ),
        c(
            "strict: the exact domain aligns",
            "strict.example",
            ("strict.example", Pass),
            vec![("news.strict.example", "pass")],
            0,
            "auth.dmarc.pass",
            "none",
        ),
        c(
            "subdomain policy sp= from the organisational domain",
            "a.sub.example",
            ("a.sub.example", Fail),
            vec![],
            0,
            "auth.dmarc.fail.quarantine",
            "quarantine",
        ),
        c(
            "pct=50, roll 10: applied",
            "half.example",
            ("half.example", Fail),
            vec![],
            10,
            "auth.dmarc.fail.reject",
            "reject",
        ),
        c(
            "pct=50, roll 70: one step milder",
            "half.example",
            ("half.example", Fail),
            vec![],
            70,
            "auth.dmarc.fail.quarantine",
            "quarantine",
        ),
        c(
            "DNS timeout",
            "timeout.example",
            ("timeout.example", Fail),
            vec![],
            0,
            "auth.dmarc.temperror",
            "none",
        ),
    ]
}

/// Runs one DMARC case; the outcome and the keys of its events.
pub fn run_dmarc(
    case: &DmarcCase,
    z: &Zones,
) -> (protocol_core::auth::dmarc::DmarcOutcome, Vec<&'static str>) {
    let spf = SpfOutcome {
        result: case.spf.1,
        identity: protocol_core::auth::spf::Identity::MailFrom,
        domain: case.spf.0.into(),
        sender: format!("x@{}", case.spf.0),
        reason: None,
        key: "",
        lookups: 0,
        void_lookups: 0,
    };
    let dkim: Vec<DkimOutcome> = case
        .dkim
        .iter()
        .map(|(d, r)| DkimOutcome {
            result: r,
            domain: d.to_string(),
            selector: "s".into(),
            b_prefix: String::new(),
            reason: None,
        })
        .collect();
    let mut e = DmarcEval::new(case.from, Some(&spf), &dkim, case.roll);
    let out = drive(&mut e, z);
    let mut keys = Vec::new();
    while let Some(ev) = e.poll_event() {
        keys.push(ev.explain_key());
    }
    (out, keys)
}

/// Every key the SPF and DMARC tables reach (the DKIM ones are added by
/// `dkim_keys` when the feature is on).
pub fn keys() -> BTreeSet<String> {
    let z = zones();
    let mut out = BTreeSet::new();
    for c in spf_cases() {
        let (o, keys) = run_spf(&c, &z);
        assert_eq!(o.result, c.want, "{}", c.name);
        out.extend(keys.into_iter().map(str::to_string));
    }
    for c in dmarc_cases() {
        let (o, keys) = run_dmarc(&c, &z);
        assert_eq!(o.key, c.key, "{}", c.name);
        out.extend(keys.into_iter().map(str::to_string));
    }
    out.insert(protocol_core::dns::RecordType::TXT.query_key().into());
    out.insert(
        z.query("isp.example", protocol_core::dns::RecordType::TXT)
            .explain_key()
            .into(),
    );
    #[cfg(feature = "dkim")]
    out.extend(dkim::keys());
    out
}

#[cfg(feature = "dkim")]
pub mod dkim {
    //! DKIM messages and keys for the tests: John's message, signed by the
    //! ISP with seeded keys, and variations that must fail.

    use super::*;
    use protocol_core::auth::dkim::{Canon, DkimVerifier, PrivateKey, Signer, Verification};

    pub const SEED: u64 = 2024;

    pub const MESSAGE: &str = "From: John <john@isp.example>\r\n\
To: Dave <dave@dave.example>\r\n\
Subject: Lunch  on\r\n\tFriday?\r\n\
Date: Fri, 05 Jan 2024 10:00:00 +0000\r\n\
Message-ID: <1@isp.example>\r\n\
\r\n\
Hi Dave,  \r\n\
\r\n\
shall we meet at noon?\r\n\
John\r\n\
\r\n\
\r\n";

    pub fn ed_key() -> PrivateKey {
        PrivateKey::ed25519_from_seed(SEED, "isp.example", "ed")
    }

    #[cfg(feature = "dkim-rsa")]
    pub fn rsa_key() -> PrivateKey {
        use std::sync::OnceLock;
        static KEY: OnceLock<PrivateKey> = OnceLock::new();
        KEY.get_or_init(|| PrivateKey::rsa_from_seed(SEED, "isp.example", "rsa", 2048))
            .clone()
    }

    /// The zones with the ISP's public keys published.
    pub fn zones_with_keys() -> Zones {
        let mut z = super::zones();
        z.add_txt("ed._domainkey.isp.example", &ed_key().dns_txt());
        #[cfg(feature = "dkim-rsa")]
        z.add_txt("rsa._domainkey.isp.example", &rsa_key().dns_txt());
        z.add_txt("revoked._domainkey.isp.example", "v=DKIM1; k=ed25519; p=");
        z.add_txt(
            "ed._domainkey.stranger.example",
            &PrivateKey::ed25519_from_seed(SEED, "stranger.example", "ed").dns_txt(),
        );
        z
    }

    pub fn signer(key: PrivateKey, selector: &str, c: (Canon, Canon)) -> Signer {
        let mut s = Signer::new("isp.example", selector, key);
        s.header_canon = c.0;
        s.body_canon = c.1;
        s.timestamp = Some(1_704_448_800);
        s
    }

    pub fn verify(msg: &[u8], z: &Zones) -> (Vec<Verification>, Vec<&'static str>) {
        let mut v = DkimVerifier::new(msg);
        let out = drive(&mut v, z);
        let mut keys = Vec::new();
        while let Some(e) = v.poll_event() {
            keys.push(e.explain_key());
        }
        (out, keys)
    }

    /// A verification case: the message as it arrives and the verdict key.
    pub struct DkimCase {
        pub name: &'static str,
        pub message: Vec<u8>,
        pub key: &'static str,
    }

    pub fn cases() -> Vec<DkimCase> {
        let mut out = Vec::new();
        let ed = |c| signer(ed_key(), "ed", c).sign_message(MESSAGE.as_bytes());
        let rr = (Canon::Relaxed, Canon::Relaxed);
        let ss = (Canon::Simple, Canon::Simple);
        let replace = |m: &[u8], a: &str, b: &str| {
            String::from_utf8(m.to_vec())
                .unwrap()
                .replacen(a, b, 1)
                .into_bytes()
        };
        let c = |name, message, key| DkimCase { name, message, key };
        out.push(c("ed25519 relaxed/relaxed", ed(rr), "auth.dkim.pass"));
        out.push(c("ed25519 simple/simple", ed(ss), "auth.dkim.pass"));
        out.push(c(
            "ed25519 relaxed/simple",
            ed((Canon::Relaxed, Canon::Simple)),
            "auth.dkim.pass",
        ));
        out.push(c(
            "relaxed survives re-folded headers and extra spaces",
            replace(
                &replace(
                    &ed(rr),
                    "Subject: Lunch  on\r\n\tFriday?",
                    "subject:   Lunch on Friday?",
                ),
                "Hi Dave,  ",
                "Hi   Dave,",
            ),
            "auth.dkim.pass",
        ));
        out.push(c(
            "relaxed survives added empty lines at the end",
            [ed(rr), b"\r\n\r\n".to_vec()].concat(),
            "auth.dkim.pass",
        ));
        out.push(c(
            "simple does not survive changed spaces in the body",
            replace(&ed(ss), "Hi Dave,  ", "Hi Dave,"),
            "auth.dkim.fail.bodyhash",
        ));
        out.push(c(
            "simple does not survive a re-folded header",
            replace(
                &ed(ss),
                "Subject: Lunch  on\r\n\tFriday?",
                "Subject: Lunch  on Friday?",
            ),
            "auth.dkim.fail.signature",
        ));
        out.push(c(
            "a relay changed the body",
            replace(&ed(rr), "noon", "one"),
            "auth.dkim.fail.bodyhash",
        ));
        out.push(c(
            "a relay changed the subject",
            replace(&ed(rr), "Lunch", "Dinner"),
            "auth.dkim.fail.signature",
        ));
        out.push(c(
            "a From: added on top is not covered (h= names From once)",
            [b"From: mallory@stranger.example\r\n".to_vec(), ed(rr)].concat(),
            "auth.dkim.pass",
        ));
        out.push(c(
            "no signature",
            MESSAGE.as_bytes().to_vec(),
            "auth.dkim.none",
        ));
        out.push(c(
            "unknown selector: no key",
            signer(ed_key(), "nosuch", rr).sign_message(MESSAGE.as_bytes()),
            "auth.dkim.key.none",
        ));
        out.push(c(
            "revoked key",
            signer(ed_key(), "revoked", rr).sign_message(MESSAGE.as_bytes()),
            "auth.dkim.key.revoked",
        ));
        out.push(c(
            "signed with another key than published",
            signer(
                PrivateKey::ed25519_from_seed(1, "isp.example", "ed"),
                "ed",
                rr,
            )
            .sign_message(MESSAGE.as_bytes()),
            "auth.dkim.fail.signature",
        ));
        out.push(c(
            "rsa-sha1 is refused",
            replace(&ed(rr), "a=ed25519-sha256", "a=rsa-sha1"),
            "auth.dkim.permerror",
        ));
        out.push(c(
            "key type does not fit the algorithm",
            replace(&ed(rr), "a=ed25519-sha256", "a=rsa-sha256"),
            "auth.dkim.key.bad",
        ));
        out.push(c(
            "h= without From",
            {
                let mut s = signer(ed_key(), "ed", rr);
                s.headers = vec!["subject".into()];
                s.sign_message(MESSAGE.as_bytes())
            },
            "auth.dkim.permerror",
        ));
        out.push(c(
            "key lookup times out",
            replace(&ed(rr), "d=isp.example", "d=timeout.example"),
            "auth.dkim.temperror",
        ));
        #[cfg(feature = "dkim-rsa")]
        {
            let rsa = |c| signer(rsa_key(), "rsa", c).sign_message(MESSAGE.as_bytes());
            out.push(c("rsa-sha256 relaxed/relaxed", rsa(rr), "auth.dkim.pass"));
            out.push(c("rsa-sha256 simple/simple", rsa(ss), "auth.dkim.pass"));
            out.push(c(
                "rsa-sha256, body changed",
                replace(&rsa(rr), "noon", "one"),
                "auth.dkim.fail.bodyhash",
            ));
            out.push(c(
                "rsa-sha256, subject changed",
                replace(&rsa(rr), "Lunch", "Dinner"),
                "auth.dkim.fail.signature",
            ));
        }
        out
    }

    pub fn keys() -> BTreeSet<String> {
        let z = zones_with_keys();
        let mut out = BTreeSet::new();
        for c in cases() {
            let (_, keys) = verify(&c.message, &z);
            assert!(keys.contains(&c.key), "{}: {keys:?}", c.name);
            out.extend(keys.into_iter().map(str::to_string));
        }
        // A key record that does not parse.
        let mut z2 = z.clone();
        z2.remove(
            "ed._domainkey.isp.example",
            protocol_core::dns::RecordType::TXT,
        );
        z2.add_txt("ed._domainkey.isp.example", "v=DKIM1; k=ed25519; p=!!!");
        let m = signer(ed_key(), "ed", (Canon::Relaxed, Canon::Relaxed))
            .sign_message(MESSAGE.as_bytes());
        let (_, keys) = verify(&m, &z2);
        assert!(keys.contains(&"auth.dkim.key.bad"));
        out.extend(keys.into_iter().map(str::to_string));
        out
    }
}
