//! Who really sent this message? SPF, DKIM and DMARC as sans-IO evaluators
//! that ask the resolver one question at a time and report every check.
//!
//! Implements (details and simplifications in each file's heads-up):
//! * [`spf`]: RFC 7208 `check_host()` for the MAIL FROM or HELO identity.
//! * [`dkim`] (feature `dkim`; `dkim-rsa` adds rsa-sha256): RFC 6376
//!   signing and verifying, with ed25519-sha256 from RFC 8463.
//! * [`dmarc`]: RFC 7489 policy discovery, identifier alignment and the
//!   disposition.
//! * [`authentication_results`]: the RFC 8601 `Authentication-Results:`
//!   header value built from the three results.
//!
//! ## The shape (quinn-proto's, like the sessions)
//!
//! Each evaluator is a value. `poll_step()` says what it needs next:
//! [`Step::Query`] (a DNS question the driver must answer) or
//! [`Step::Done`]. The driver asks the world's DNS (and puts the question and
//! the answer in the trace), then calls `handle_answer(Some(answer))`, or
//! `handle_answer(None)` when the DNS server did not answer (a temperror).
//! `poll_event()` drains what the evaluator did since the last call (each
//! record found, each mechanism tried and whether it matched), each event
//! with its explanation key. [`resolve_with`] runs an evaluator to the end
//! against a set of zones, for tests and for callers that need no trace of
//! the DNS traffic.
//!
//! ## Bundle size
//!
//! SPF and DMARC need no dependency. DKIM needs SHA-256 and the signature
//! crates: RustCrypto's `sha2`, `ed25519-dalek` (without the precomputed
//! tables on wasm32) and, behind `dkim-rsa`, RustCrypto's `rsa` (its
//! arbitrary-precision arithmetic, key generation and prime testing are the
//! bulk). The web app builds protocol-core without default features, so it
//! pays only for the features it names (see the end of this section).
//!
//! Measured on a wasm32 cdylib that calls these entry points (opt-level z,
//! LTO, one codegen unit, no wasm-opt; gzip -9): SPF + DMARC +
//! Authentication-Results 36.0 KB (most of it std's formatting, which the
//! web app already carries); `dkim` (Ed25519 sign and verify, SHA-256)
//! +38.7 KB; `dkim-rsa` verifying +38.9 KB more, and RSA key generation and
//! signing +59.5 KB more (173 KB in all). With about 65 KB of the 350 KB
//! budget left, Ed25519 fits and RSA does not, hence the separate feature.
//!
//! Measured again for issue 18 (a `no_std` wasm32 cdylib with sign and
//! verify, opt-level z, LTO, panic abort, gzip -9): SHA-256 alone 4,036 B;
//! with ed25519-dalek 18,345 B (+14.3 KB); with ed25519-compact 2.6
//! (`opt_size`, its own SHA-512) 16,949 B (+12.9 KB), and 50,285 B without
//! `opt_size` (precomputed tables). Neither is under the 12 KB the page
//! could take, and compact saves only 1.4 KB, so dalek stays. In the real
//! page (scripts/build.sh, scripts/bundle-size.sh), the world with the
//! `auth` feature (SPF, DMARC, Authentication-Results, the sender checks'
//! texts and explanations) is 378,745 B against 359,304 B without:
//! +19,441 B, mostly `sim::sender_checks::check_message` with the
//! evaluators inlined (16.7 KB of wasm) and 14 KB of text.
//!
//! These figures are from when they were measured and have not been taken
//! again since. The page is now built with `dkim` (and so `auth`) but
//! without `dkim-rsa` (root Cargo.toml): it plays the same sender checks as
//! the CLI with Ed25519 keys, cannot verify an rsa-sha256 signature (its
//! key is reported as "not built into this MailSim"), and refuses a
//! scenario whose `[host.dkim]` asks to sign with rsa-sha256.

use crate::dns::{Answer, RecordType, Zones};

#[cfg(feature = "dkim")]
pub mod dkim;
pub mod dmarc;
pub mod spf;

/// A DNS question an evaluator needs answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub name: String,
    pub qtype: RecordType,
}

/// What an evaluator needs next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<T> {
    /// Answer this question with `handle_answer`.
    Query(Question),
    /// Finished: the result (also kept by the evaluator).
    Done(T),
}

/// The evaluators' common driver interface.
pub trait Evaluator {
    type Output: Clone;
    fn poll_step(&mut self) -> Step<Self::Output>;
    fn handle_answer(&mut self, answer: Option<Answer>);
}

/// Runs `eval` to the end, answering every question from `zones` (as the
/// world's one DNS server would; a SERVFAIL is given as no answer). Returns
/// the result and the questions asked with their answers, in order.
pub fn resolve_with<E: Evaluator>(
    eval: &mut E,
    zones: &Zones,
) -> (E::Output, Vec<(Question, Answer)>) {
    let mut asked = Vec::new();
    loop {
        match eval.poll_step() {
            Step::Done(out) => return (out, asked),
            Step::Query(q) => {
                let answer = zones.query(&q.name, q.qtype);
                eval.handle_answer(answer.clone().usable());
                asked.push((q, answer));
            }
        }
    }
}

/// The result of one DKIM signature as DMARC and RFC 8601 need it (kept
/// here, free of any cryptography, so that DMARC works without `dkim`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DkimOutcome {
    /// `pass`, `fail`, `neutral`, `temperror`, `permerror` (RFC 8601 §2.7.1).
    pub result: &'static str,
    /// The signing domain (`d=`).
    pub domain: String,
    /// The selector (`s=`).
    pub selector: String,
    /// The first 8 characters of `b=`, to tell signatures apart (RFC 6008).
    pub b_prefix: String,
    /// A few words on why (shown as an RFC 8601 comment), if it did not pass.
    pub reason: Option<String>,
}

/// Builds the value of an `Authentication-Results:` header (RFC 8601 §2.2):
/// the authserv-id, then one resinfo per method. An empty `dkim` list gives
/// `dkim=none` (no signature, RFC 8601 §2.7.1).
///
/// `mailfrom` is `None` when the SPF identity was the HELO name (a null
/// reverse-path); `helo` is then reported as `smtp.helo`.
pub fn authentication_results(
    authserv_id: &str,
    spf: &spf::SpfOutcome,
    dkim: &[DkimOutcome],
    dmarc: &dmarc::DmarcOutcome,
) -> String {
    let mut out = authserv_id.to_string();
    out.push_str(";\r\n\tspf=");
    out.push_str(spf.result.as_str());
    if let Some(why) = &spf.reason {
        out.push_str(&format!(" ({})", comment(why)));
    }
    match spf.identity {
        spf::Identity::MailFrom => out.push_str(&format!(" smtp.mailfrom={}", spf.sender)),
        spf::Identity::Helo => out.push_str(&format!(" smtp.helo={}", spf.domain)),
    }
    if dkim.is_empty() {
        out.push_str(";\r\n\tdkim=none");
    }
    for d in dkim {
        out.push_str(";\r\n\tdkim=");
        out.push_str(d.result);
        if let Some(why) = &d.reason {
            out.push_str(&format!(" ({})", comment(why)));
        }
        out.push_str(&format!(" header.d={} header.s={}", d.domain, d.selector));
        if !d.b_prefix.is_empty() {
            out.push_str(&format!(" header.b={}", d.b_prefix));
        }
    }
    out.push_str(";\r\n\tdmarc=");
    out.push_str(dmarc.result.as_str());
    if let Some(p) = dmarc.policy {
        out.push_str(&format!(
            " (p={} dis={})",
            p.as_str(),
            dmarc.disposition.as_str()
        ));
    }
    out.push_str(&format!(" header.from={}", dmarc.from_domain));
    out
}

/// A comment's text without the characters that would end it (RFC 5322 §3.2.2).
fn comment(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '(' | ')' | '\\' | '\r' | '\n'))
        .collect()
}

/// The organisational domain (RFC 7489 §3.2), with a fixed public-suffix
/// rule instead of the Public Suffix List: the last label is the public
/// suffix (`example`, `test`, `com`, ...), except the two-label suffixes in
/// [`TWO_LABEL_SUFFIXES`]. So `mail.dave.example` belongs to `dave.example`.
/// Enough for the simulator's names under `.example` (RFC 2606); a real
/// receiver uses the whole list.
pub fn organizational_domain(domain: &str) -> String {
    let d = crate::dns::normalize(domain);
    let labels: Vec<&str> = d.split('.').collect();
    let n = labels.len();
    let suffix_labels = if n >= 2
        && TWO_LABEL_SUFFIXES.contains(&format!("{}.{}", labels[n - 2], labels[n - 1]).as_str())
    {
        2
    } else {
        1
    };
    if n <= suffix_labels {
        return d;
    }
    labels[n - suffix_labels - 1..].join(".")
}

/// Public suffixes of two labels that the simplified rule knows.
pub const TWO_LABEL_SUFFIXES: &[&str] = &["co.uk", "org.uk", "ac.uk", "com.au", "co.jp"];

/// Case-insensitive test of a domain being `parent` or under it.
pub(crate) fn is_subdomain_or_same(child: &str, parent: &str) -> bool {
    let c = crate::dns::normalize(child);
    let p = crate::dns::normalize(parent);
    c == p || c.ends_with(&format!(".{p}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizational_domains() {
        assert_eq!(organizational_domain("mail.dave.example"), "dave.example");
        assert_eq!(organizational_domain("Dave.Example."), "dave.example");
        assert_eq!(organizational_domain("example"), "example");
        assert_eq!(organizational_domain("a.b.shop.co.uk"), "shop.co.uk");
        assert!(is_subdomain_or_same("news.isp.example", "ISP.example"));
        assert!(!is_subdomain_or_same("evilisp.example", "isp.example"));
    }
}
