//! Explanations for the sender checks: SPF, DKIM, DMARC, and the DNS TXT
//! records they read.

use super::{entry as e, Explanation};

pub static EXPLANATIONS: &[Explanation] = &[
    e("dns.query.txt", "DNS question: text record", "The host asks DNS for the TXT records of a name. Mail servers keep their sender rules there: the SPF list of allowed servers, the DKIM public keys and the DMARC policy.", "RFC 1035 §3.3.14"),
    e("dns.answer.txt", "DNS answer: text record", "The DNS server answers with the name's text records, exactly as the domain owner wrote them.", "RFC 1035 §3.3.14"),
    // ---- SPF
    e("auth.spf.check.mailfrom", "SPF check of the envelope sender", "The receiving server asks: is the computer that is talking to me (its IP address) allowed to send mail for the domain in MAIL FROM? The domain's owner answers in DNS with an SPF record.", "RFC 7208 §2.4, §4"),
    e("auth.spf.check.helo", "SPF check of the HELO name", "This message has no envelope sender (MAIL FROM:<>, as bounces do), so the server checks the name the client gave in HELO/EHLO instead, as if the sender were postmaster at that name.", "RFC 7208 §2.3, §2.4"),
    e("auth.spf.record", "SPF record found", "The domain publishes a TXT record starting with v=spf1: a list of rules (mechanisms) read from left to right. The first one that matches the client's address decides the result.", "RFC 7208 §4.5, §4.6"),
    e("auth.spf.record.none", "No SPF record", "The name has no TXT record starting with v=spf1, so its owner said nothing about which servers may send for it.", "RFC 7208 §4.5"),
    e("auth.spf.mech.all", "SPF rule: all", "\"all\" matches every address. It is the last rule of a record and says what happens to everyone not listed before: -all fail, ~all softfail, ?all neutral.", "RFC 7208 §5.1"),
    e("auth.spf.mech.include", "SPF rule: include", "include:other-domain runs the other domain's SPF record for the same address. If that gives pass, this rule matches (used to allow a mail provider's servers).", "RFC 7208 §5.2"),
    e("auth.spf.mech.a", "SPF rule: a", "\"a\" matches when the client's address is one of the addresses (A records) of the domain, or of the name written after a:.", "RFC 7208 §5.3"),
    e("auth.spf.mech.mx", "SPF rule: mx", "\"mx\" matches when the client is one of the domain's mail servers: the server looks up the MX records, then the address of each mail host.", "RFC 7208 §5.4"),
    e("auth.spf.mech.ip4", "SPF rule: ip4", "ip4:192.0.2.0/24 matches when the client's address lies in that range; /24 means the first 24 bits must be equal (192.0.2.anything). No DNS lookup is needed.", "RFC 7208 §5.6"),
    e("auth.spf.mech.ip6", "SPF rule: ip6", "ip6: lists an IPv6 range. The simulated world uses IPv4 only, so this rule never matches here.", "RFC 7208 §5.6"),
    e("auth.spf.mech.exists", "SPF rule: exists", "exists:name matches when that name has an address at all. Big providers use it with macros to ask their own DNS a question about the sender.", "RFC 7208 §5.7"),
    e("auth.spf.mech.ptr", "SPF rule: ptr (deprecated)", "ptr asks for the client's host name by reverse DNS. It is slow and unreliable, and the RFC says not to use it; MailSim counts it as a lookup and never matches it.", "RFC 7208 §5.5"),
    e("auth.spf.redirect", "SPF redirect", "No rule matched, and the record ends with redirect=other-domain: the other domain's record gives the answer instead, as if it were this domain's own.", "RFC 7208 §6.1"),
    e("auth.spf.pass", "SPF: pass", "The client's address is allowed to send mail for this domain. That does not yet say who wrote the message: the From line people see can still be different.", "RFC 7208 §2.6.3, §8.3"),
    e("auth.spf.fail", "SPF: fail", "The domain's owner says this address is NOT allowed to send its mail (a rule with -). A receiver may refuse the message, or leave the decision to DMARC.", "RFC 7208 §2.6.4, §8.4"),
    e("auth.spf.softfail", "SPF: softfail", "The owner says this address is probably not allowed (a rule with ~), but is not sure. Receivers accept the mail but look at it more closely.", "RFC 7208 §2.6.5, §8.5"),
    e("auth.spf.neutral", "SPF: neutral", "The owner makes no statement about this address (a rule with ?, or no rule matched). It counts like no SPF at all.", "RFC 7208 §2.6.2, §8.2"),
    e("auth.spf.none", "SPF: none", "There was no SPF record to check (or no domain that can be looked up), so SPF says nothing about this sender.", "RFC 7208 §2.6.1, §4.3"),
    e("auth.spf.temperror", "SPF: temporary error", "A DNS lookup got no answer, so the check could not finish. Trying later may work; a server may answer 451 4.4.3 meanwhile.", "RFC 7208 §2.6.6, §8.6"),
    e("auth.spf.permerror.lookups", "SPF: too many lookups", "Checking needed more than 10 DNS lookups (include, a, mx, exists, redirect each count). The limit protects DNS servers from being flooded, so the result is permerror.", "RFC 7208 §4.6.4"),
    e("auth.spf.permerror.void", "SPF: too many empty lookups", "More than two lookups found nothing at all (no such name, or no records). Records like that are broken or abused, so the check stops with permerror.", "RFC 7208 §4.6.4"),
    e("auth.spf.permerror.syntax", "SPF: broken record", "The record has a spelling mistake (an unknown rule, a bad address or range). The whole record is refused before any rule is tried.", "RFC 7208 §4.6, §12"),
    e("auth.spf.permerror.multiple", "SPF: two records", "The domain publishes more than one v=spf1 record. The receiver cannot know which one is meant, so it is a permanent error.", "RFC 7208 §4.5"),
    e("auth.spf.permerror.no-record", "SPF: include or redirect to nowhere", "An include: or redirect= points to a domain that has no SPF record. That is a mistake in the record, so the result is permerror.", "RFC 7208 §5.2, §6.1"),
    // ---- DKIM: see WITH_DKIM
    // ---- DMARC
    e("auth.dmarc.record", "DMARC policy found", "The domain in the From line people see publishes a policy at _dmarc.domain: what receivers should do when neither SPF nor DKIM vouches for that very domain (p=none, quarantine or reject).", "RFC 7489 §6.1, §6.3"),
    e("auth.dmarc.record.none", "No DMARC policy here", "There is no usable v=DMARC1 record at this name.", "RFC 7489 §6.6.3"),
    e("auth.dmarc.orgdomain", "DMARC: ask the main domain", "The From domain is a subdomain without its own policy, so the receiver asks its organisational domain (here: the last two labels, like isp.example). Its sp= policy, if given, is for subdomains.", "RFC 7489 §3.2, §6.6.3"),
    e("auth.dmarc.align.spf", "DMARC: SPF is aligned", "SPF passed for the MAIL FROM domain, and that domain fits the From domain (the same, or with relaxed alignment the same main domain).", "RFC 7489 §3.1.2"),
    e("auth.dmarc.align.dkim", "DMARC: DKIM is aligned", "A DKIM signature passed, and its d= domain fits the From domain (the same, or with relaxed alignment the same main domain).", "RFC 7489 §3.1.1"),
    e("auth.dmarc.align.no", "DMARC: not aligned", "This check either failed or passed for a different domain than the one in From. A forger can pass SPF for their own domain; DMARC only counts a pass for the domain the reader sees.", "RFC 7489 §3.1"),
    e("auth.dmarc.pass", "DMARC: pass", "SPF or DKIM passed for a domain aligned with the From line, so the domain the reader sees stands behind this message.", "RFC 7489 §4.2"),
    e("auth.dmarc.fail.none", "DMARC: fail, policy none", "Nothing aligned vouches for the From domain, but its owner only asks to be told (p=none), so the message is delivered normally.", "RFC 7489 §6.3, §6.6.4"),
    e("auth.dmarc.fail.quarantine", "DMARC: fail, quarantine", "Nothing aligned vouches for the From domain, and its owner asks receivers to treat such mail as suspicious: the server accepts it but marks it as spam (an X-Spam-Flag: YES header), so that the mail program files it in the spam folder.", "RFC 7489 §6.3, §6.6.4"),
    e("auth.dmarc.fail.reject", "DMARC: fail, reject", "Nothing aligned vouches for the From domain, and its owner asks receivers to refuse such mail: the server answers 550 5.7.1 at the end of DATA.", "RFC 7489 §6.3, §6.6.4, §10.1"),
    e("auth.dmarc.none", "DMARC: none", "The From domain publishes no DMARC policy, so there is nothing to apply.", "RFC 7489 §6.6.3"),
    e("auth.dmarc.temperror", "DMARC: temporary error", "The policy could not be fetched because DNS did not answer.", "RFC 7489 §6.6.3; RFC 8601 §2.7.1"),
    // ---- the checks in the world
    e("auth.skip.own-server", "Checked at the border", "The message comes from one of the receiving domain's own servers (a backup MX or a spam filter), which took it from the outside. SPF is about the server that handed the mail over from outside, so it is not checked again here.", "RFC 7208 §2.2"),
    // ---- the spam filter (sim::spam): a filter's own rules, no RFC
    e("spam.signal.keyword", "Spam test: a suspicious word", "The filter has a list of words that are common in spam (in the spam-filter lesson: lottery, winner, prize). Each one it finds in the subject or the text adds 2 points. Real filters have hundreds of tests like this, each with a weight learned from large amounts of real mail.", "A filter's own rules (modelled on SpamAssassin), not an RFC"),
    e("spam.signal.spf", "Spam test: SPF failed", "The filter's own SPF check said fail (2 points) or softfail (1 point): the computer that delivered the message is not one that the sender's domain allows.", "RFC 7208 §8.4, §8.5"),
    e("spam.signal.dkim", "Spam test: a broken DKIM signature", "A DKIM signature on the message did not verify, so the message was changed after it was signed, or the signature is fake (2 points).", "RFC 6376 §6.1"),
    e("spam.signal.dmarc", "Spam test: DMARC failed", "Neither SPF nor DKIM vouches for the From domain, but the domain's policy (p=none or quarantine) did not ask to refuse the message, so the filter counts it against it (3 points).", "RFC 7489 §6.6.4"),
    e("spam.signal.no-date", "Spam test: no Date line", "Every message must have a Date: line, and mail programs always write one, so a message without it was probably made by a spam program (1 point).", "RFC 5322 §3.6"),
    e("spam.signal.no-message-id", "Spam test: no Message-ID", "A message should carry a Message-ID: a unique name that mail programs write. Without one it looks machine-made (1 point).", "RFC 5322 §3.6.4"),
    e("spam.verdict.spam", "Marked as spam", "The points add up to the filter's limit (5, SpamAssassin's default) or more. The filter adds X-Spam-Status: Yes with the score and the tests that matched, and X-Spam-Flag: YES, then still passes the message on: Dave's mail program can file it in a spam folder. Real filters also ask blocklists about the sender and learn from the mail their users mark as spam.", "SpamAssassin's X-Spam-Status and X-Spam-Flag headers (a custom, not an RFC)"),
    e("spam.verdict.clean", "Not spam", "The points stay below the filter's limit (5). The filter adds X-Spam-Status: No with the score and the tests that matched (none here), and passes the message on, so anyone reading the headers can see how it was judged.", "SpamAssassin's X-Spam-Status header (a custom, not an RFC)"),
    e("auth.results", "Authentication-Results header", "The receiving server writes down what it found (SPF, DKIM and DMARC, each pass or fail) in an Authentication-Results header on top of the message, so that the mail program and the reader can see it.", "RFC 8601 §2.2, §5"),
];

/// Only in a build without the `dkim` feature (the web page), where the
/// world says that it cannot sign or check.
#[cfg(not(feature = "dkim"))]
pub static WITHOUT_DKIM: &[Explanation] = &[
    e("auth.dkim.unavailable", "DKIM: not checked in this build", "Signing and checking DKIM needs cryptography (Ed25519), which this web page leaves out to stay small. So here the ISP does not sign and the receiver does not check: DKIM counts as none. The mailsim program for the terminal does both.", "RFC 6376 §6; RFC 8601 §2.7.1"),
];

/// DKIM signing and checking: only in a build that has them (the `dkim`
/// feature; the web page has not).
#[cfg(feature = "dkim")]
pub static WITH_DKIM: &[Explanation] = &[
    e("auth.relay.footer", "A relay changes the message", "This server adds a line to the end of every message it passes on, as virus scanners and mailing lists do. The body is now different from what was signed, so a DKIM signature made before no longer fits it.", "RFC 6376 §3.7, §6.1.3"),
    e("auth.dkim.sign", "DKIM: the sender's server signs", "Before the message leaves, the ISP's server hashes the body and the important headers and signs them with its private key. The DKIM-Signature header it adds says which domain signed (d=), where the public key is (s=, the selector) and the body's hash (bh=).", "RFC 6376 §5; RFC 8463 §3"),
    e("auth.dkim.none", "No DKIM signature", "The message carries no DKIM-Signature header, so nobody vouches for its content with a signature.", "RFC 6376 §6.1; RFC 8601 §2.7.1"),
    e("auth.dkim.signature", "DKIM signature found", "A DKIM-Signature header says: domain d= signed these headers (h=) and this body (bh= is the body's fingerprint, a hash), with its private key. b= is the signature itself.", "RFC 6376 §3.5"),
    e("auth.dkim.key", "DKIM public key", "The receiver fetches the signer's public key from DNS, at selector._domainkey.domain. Only the owner of the domain can put it there, and only the matching private key can make signatures it accepts.", "RFC 6376 §3.6.1, §3.6.2"),
    e("auth.dkim.key.none", "DKIM: no key", "There is no key in DNS at selector._domainkey.domain, so the signature cannot be checked: a permanent error.", "RFC 6376 §6.1.2"),
    e("auth.dkim.key.bad", "DKIM: unusable key", "The key record is broken, or it is for another algorithm than the signature says, so the signature cannot be checked.", "RFC 6376 §3.6.1, §6.1.2"),
    e("auth.dkim.key.revoked", "DKIM: key withdrawn", "The key record has an empty p=: the domain has withdrawn this key, so signatures made with it are no longer accepted.", "RFC 6376 §3.6.1"),
    e("auth.dkim.bodyhash", "DKIM: body unchanged", "The receiver tidies the body the agreed way (canonicalisation: relaxed ignores extra spaces and blank lines at the end) and hashes it. The hash equals bh=, so the body is exactly what was signed.", "RFC 6376 §3.4.3, §3.4.4, §3.7"),
    e("auth.dkim.bodyhash.fail", "DKIM: body changed", "The body's hash is not the one in bh=: something changed the text after it was signed (a relay, a mailing list footer, or a forger).", "RFC 6376 §3.7, §6.1.3"),
    e("auth.dkim.headers", "DKIM: the signed headers", "The headers named in h= are taken from the bottom up, tidied (relaxed: lower-case names, spaces squeezed), followed by the DKIM-Signature header itself with b= emptied. This text is what the signature covers.", "RFC 6376 §3.4.2, §3.7, §5.4.2"),
    e("auth.dkim.pass", "DKIM: pass", "The signature matches the public key, the headers and the body: the domain in d= really sent this content, and nothing covered by it changed on the way.", "RFC 6376 §6.1.3; RFC 8601 §2.7.1"),
    e("auth.dkim.fail.bodyhash", "DKIM: fail (body)", "The signature is refused because the body was changed after signing.", "RFC 6376 §6.1.3"),
    e("auth.dkim.fail.signature", "DKIM: fail (signature)", "The body is fine but the signature does not fit the signed headers and the key: a signed header was changed, or the signature was not made with this domain's key.", "RFC 6376 §6.1.3"),
    e("auth.dkim.temperror", "DKIM: temporary error", "The key could not be fetched because DNS did not answer. Checking later may work.", "RFC 6376 §6.1.2; RFC 8601 §2.7.1"),
    e("auth.dkim.permerror", "DKIM: broken signature", "The DKIM-Signature header cannot be used: a required tag is missing, the algorithm is unknown or too weak (rsa-sha1), or From is not among the signed headers.", "RFC 6376 §6.1.1; RFC 8301 §3.1"),
];
