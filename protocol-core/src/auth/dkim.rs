//! DKIM: a signature over the message by the sending domain (RFC 6376).
//!
//! Implements: the `simple` and `relaxed` canonicalisations of header and
//! body (§3.4.1 to §3.4.4, with the body length `l=`, §3.4.5), the body hash
//! `bh=` (§3.7), the header hash over the fields named in `h=` taken from the
//! bottom up, a missing field hashed as nothing (§5.4.2), and the
//! DKIM-Signature field itself with an empty `b=` (§3.7); the tag-list
//! syntax (§3.2) and the DKIM-Signature tags `v a b bh c d h i l s t` (§3.5;
//! `i=` must be under `d=`; `h=` must include `From`, §5.4); the key record
//! at `<s>._domainkey.<d>` (§3.6.1, §3.6.2.2: `v=DKIM1 k h p t`, an empty
//! `p=` is a revoked key, `t=s` forbids a subdomain in `i=`); signing and
//! verifying (§5, §6) with `rsa-sha256` (§3.3.1, RSASSA-PKCS1-v1_5 with
//! SHA-256; `rsa-sha1` is refused as RFC 8301 §3.1 says) and
//! `ed25519-sha256` (RFC 8463 §3: Ed25519 over the SHA-256 hash of the
//! header data; the key record's `p=` is the bare 32-octet public key,
//! §4); verifier results as RFC 8601 §2.7.1 names them.
//!
//! Simplifications: `t=` and `x=` are written and parsed but not compared
//! with a clock (the world has simulated time only, and signatures here
//! never expire); `z=` and `q=` other than `dns/txt` are ignored; at most
//! [`MAX_SIGNATURES`] signatures are checked; a message with bare LF line
//! ends is treated as if they were CRLF (what SMTP would carry); signing
//! does not fold the `b=` value (the field stays under 998 octets for the
//! key sizes here). Keys are derived from a seed (SHA-256 of the seed, the
//! domain and the selector), never random, so that traces are reproducible;
//! a real signer keeps a secret key instead.

use super::{DkimOutcome, Evaluator, Question, Step};
use crate::dns::{normalize, Answer, RecordType};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use sha2::{Digest, Sha256};

/// At most this many DKIM-Signature fields are verified per message.
pub const MAX_SIGNATURES: usize = 5;

/// A canonicalisation algorithm (RFC 6376 §3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Canon {
    Simple,
    Relaxed,
}

impl Canon {
    pub fn as_str(self) -> &'static str {
        match self {
            Canon::Simple => "simple",
            Canon::Relaxed => "relaxed",
        }
    }
}

/// A signing algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Algorithm {
    #[serde(rename = "ed25519-sha256")]
    Ed25519Sha256,
    #[serde(rename = "rsa-sha256")]
    RsaSha256,
}

impl Algorithm {
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Ed25519Sha256 => "ed25519-sha256",
            Algorithm::RsaSha256 => "rsa-sha256",
        }
    }
}

// ---- messages and canonicalisation ----------------------------------------

/// One header field as it stands in the message, with its final CRLF.
#[derive(Clone, Debug)]
pub struct Field<'a> {
    pub name: &'a str,
    pub raw: &'a [u8],
}

/// A message with CRLF line ends split into header fields and body.
pub struct Parsed<'a> {
    pub fields: Vec<Field<'a>>,
    pub body: &'a [u8],
}

/// Bare LF becomes CRLF (see the module docs).
pub fn to_crlf(msg: &[u8]) -> Vec<u8> {
    // Copied a line at a time (memchr finds the LFs): a byte-at-a-time loop
    // was an eighth of an Ed25519 verify of 10 KB (benches/dkim.rs).
    let mut out = Vec::with_capacity(msg.len() + 64);
    let mut start = 0;
    for lf in memchr::memchr_iter(b'\n', msg) {
        if lf == 0 || msg[lf - 1] != b'\r' {
            out.extend_from_slice(&msg[start..lf]);
            out.push(b'\r');
            start = lf;
        }
    }
    out.extend_from_slice(&msg[start..]);
    out
}

/// Splits a CRLF message at the first empty line.
pub fn split(msg: &[u8]) -> Parsed<'_> {
    let mut fields: Vec<Field<'_>> = Vec::new();
    let mut i = 0;
    while i < msg.len() {
        if msg[i..].starts_with(b"\r\n") {
            return Parsed {
                fields,
                body: &msg[i + 2..],
            };
        }
        // One field: up to a CRLF not followed by WSP.
        let start = i;
        let end = loop {
            match memchr::memmem::find(&msg[i..], b"\r\n") {
                Some(p) => {
                    i += p + 2;
                    if i < msg.len() && (msg[i] == b' ' || msg[i] == b'\t') {
                        continue;
                    }
                    break i;
                }
                None => {
                    i = msg.len();
                    break i;
                }
            }
        };
        let raw = &msg[start..end];
        let name_end = raw.iter().position(|&b| b == b':').unwrap_or(raw.len());
        let name = std::str::from_utf8(&raw[..name_end])
            .unwrap_or("")
            .trim_end();
        fields.push(Field { name, raw });
    }
    Parsed {
        fields,
        body: &msg[msg.len()..],
    }
}

fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// A header field canonicalised (RFC 6376 §3.4.1, §3.4.2), with its CRLF.
pub fn canon_header(raw: &[u8], c: Canon) -> Vec<u8> {
    match c {
        Canon::Simple => {
            let mut v = raw.to_vec();
            if !v.ends_with(b"\r\n") {
                v.extend_from_slice(b"\r\n");
            }
            v
        }
        Canon::Relaxed => {
            let colon = raw.iter().position(|&b| b == b':').unwrap_or(raw.len());
            let name = &raw[..colon];
            let mut out: Vec<u8> = name
                .iter()
                .copied()
                .filter(|b| !is_wsp(*b))
                .map(|b| b.to_ascii_lowercase())
                .collect();
            out.push(b':');
            let value = raw.get(colon + 1..).unwrap_or(b"");
            // Unfold, then one space for each run of WSP, none at either end.
            let mut pending_space = false;
            let mut any = false;
            for &b in value {
                if b == b'\r' || b == b'\n' {
                    continue;
                }
                if is_wsp(b) {
                    pending_space = true;
                    continue;
                }
                if pending_space && any {
                    out.push(b' ');
                }
                pending_space = false;
                any = true;
                out.push(b);
            }
            out.extend_from_slice(b"\r\n");
            out
        }
    }
}

/// The body canonicalised (RFC 6376 §3.4.3, §3.4.4).
pub fn canon_body(body: &[u8], c: Canon) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 2);
    match c {
        Canon::Simple => out.extend_from_slice(body),
        Canon::Relaxed => {
            // A line without a tab, two spaces in a row or a space at the
            // end is its own canonical form (most lines of a text): copied
            // whole, after three vectorised searches.
            let two_spaces = memchr::memmem::Finder::new(b"  ");
            let mut start = 0;
            while start < body.len() {
                let end =
                    memchr::memchr(b'\n', &body[start..]).map_or(body.len(), |p| start + p + 1);
                let line = &body[start..end];
                start = end;
                let (content, eol) = match line.strip_suffix(b"\r\n") {
                    Some(c) => (c, true),
                    None => (line, false),
                };
                if memchr::memchr(b'\t', content).is_none()
                    && two_spaces.find(content).is_none()
                    && content.last() != Some(&b' ')
                {
                    out.extend_from_slice(content);
                } else {
                    relaxed_line(content, &mut out);
                }
                if eol {
                    out.extend_from_slice(b"\r\n");
                }
            }
        }
    }
    // A last line without CRLF gets one; then empty lines at the end go.
    if !out.is_empty() && !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    while out.ends_with(b"\r\n\r\n") {
        out.truncate(out.len() - 2);
    }
    if out == b"\r\n" && c == Canon::Relaxed {
        out.clear();
    }
    if out.is_empty() && c == Canon::Simple {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// One body line's content for `relaxed` (RFC 6376 §3.4.4): each run of
/// WSP becomes one space, WSP at the end of the line goes. Copies the text
/// between runs in one piece, and a single space as part of it (the common
/// case), instead of a byte at a time.
fn relaxed_line(content: &[u8], out: &mut Vec<u8>) {
    let mut copied = 0;
    let mut at = 0;
    while let Some(p) = memchr::memchr2(b' ', b'\t', &content[at..]).map(|p| at + p) {
        let mut q = p + 1;
        while q < content.len() && is_wsp(content[q]) {
            q += 1;
        }
        if q == content.len() {
            // Trailing WSP: dropped.
            out.extend_from_slice(&content[copied..p]);
            copied = q;
            break;
        }
        if q > p + 1 || content[p] != b' ' {
            out.extend_from_slice(&content[copied..p]);
            out.push(b' ');
            copied = q;
        }
        at = q;
    }
    out.extend_from_slice(&content[copied..]);
}

/// The base64 SHA-256 of the canonical body, cut to `l` octets if given.
pub fn body_hash(body: &[u8], c: Canon, l: Option<usize>) -> (String, usize) {
    let canon = canon_body(body, c);
    let n = l.map_or(canon.len(), |l| l.min(canon.len()));
    (B64.encode(Sha256::digest(&canon[..n])), canon.len())
}

/// Picks the fields named in `h=` from the bottom up (RFC 6376 §5.4.2).
fn select<'a>(fields: &[Field<'a>], names: &[String]) -> Vec<Field<'a>> {
    let mut used = vec![false; fields.len()];
    let mut out = Vec::new();
    for n in names {
        if let Some(i) = (0..fields.len())
            .rev()
            .find(|&i| !used[i] && fields[i].name.eq_ignore_ascii_case(n))
        {
            used[i] = true;
            out.push(fields[i].clone());
        }
    }
    out
}

/// The DKIM-Signature field with the value of `b=` removed (RFC 6376 §3.7).
fn without_b(raw: &[u8]) -> Vec<u8> {
    let colon = raw.iter().position(|&b| b == b':').map_or(0, |c| c + 1);
    let mut out = raw[..colon].to_vec();
    let value = &raw[colon..];
    for (n, tag) in value.split(|&b| b == b';').enumerate() {
        if n > 0 {
            out.push(b';');
        }
        let name_end = tag.iter().position(|&b| b == b'=').unwrap_or(tag.len());
        let name: Vec<u8> = tag[..name_end]
            .iter()
            .copied()
            .filter(|b| !b" \t\r\n".contains(b))
            .collect();
        if name == b"b" {
            out.extend_from_slice(&tag[..=name_end.min(tag.len() - 1)]);
        } else {
            out.extend_from_slice(tag);
        }
    }
    out
}

/// The data the signature covers: the selected fields, then the signature
/// field without `b=` and without its final CRLF (RFC 6376 §3.7).
fn header_data(selected: &[Field<'_>], sig_raw: &[u8], c: Canon) -> Vec<u8> {
    let mut data = Vec::new();
    for f in selected {
        data.extend_from_slice(&canon_header(f.raw, c));
    }
    let mut sig = canon_header(&without_b(sig_raw), c);
    sig.truncate(sig.len() - 2);
    data.extend_from_slice(&sig);
    data
}

// ---- tags -------------------------------------------------------------------

/// A tag-list (RFC 6376 §3.2): name and value, whitespace around them
/// removed, FWS inside base64 values removed by the caller.
pub fn tags(value: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in value.split(';') {
        if t.trim().is_empty() {
            continue;
        }
        let (k, v) = t
            .split_once('=')
            .ok_or(format!("tag without '=': {:?}", t.trim()))?;
        let k = k.trim().to_string();
        if k.is_empty() || out.iter().any(|(n, _)| *n == k) {
            return Err(format!("tag {k:?} empty or twice"));
        }
        let v = v
            .trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n')
            .to_string();
        out.push((k, v));
    }
    Ok(out)
}

fn tag<'a>(tags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    tags.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

// ---- keys -------------------------------------------------------------------

/// A private signing key.
#[derive(Clone)]
pub enum PrivateKey {
    Ed25519(Box<ed25519_dalek::SigningKey>),
    #[cfg(feature = "dkim-rsa")]
    Rsa(Box<rsa::PrivateKey>),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({})", self.algorithm().as_str())
    }
}

/// 32 bytes from a seed, a purpose, a domain and a selector.
fn derive(seed: u64, purpose: &str, domain: &str, selector: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"mailsim dkim key\0");
    h.update(purpose.as_bytes());
    h.update([0]);
    h.update(seed.to_le_bytes());
    h.update(normalize(domain).as_bytes());
    h.update([0]);
    h.update(selector.to_ascii_lowercase().as_bytes());
    h.finalize().into()
}

impl PrivateKey {
    /// An Ed25519 key derived from the world's seed (see the module docs).
    pub fn ed25519_from_seed(seed: u64, domain: &str, selector: &str) -> Self {
        Self::ed25519_from_secret(&derive(seed, "ed25519", domain, selector))
    }

    /// An Ed25519 key from its 32-octet secret (RFC 8032 §5.1.5).
    pub fn ed25519_from_secret(secret: &[u8; 32]) -> Self {
        PrivateKey::Ed25519(Box::new(ed25519_dalek::SigningKey::from_bytes(secret)))
    }

    /// An RSA key (public exponent 65537) generated from a ChaCha20 stream
    /// seeded by the world's seed. 2048 bits is what RFC 8301 §3.2 asks
    /// signers for; generating one takes a while (about a second natively
    /// without optimisation), so a world should make it once.
    #[cfg(feature = "dkim-rsa")]
    pub fn rsa_from_seed(seed: u64, domain: &str, selector: &str, bits: usize) -> Self {
        use rand_chacha::rand_core::SeedableRng;
        let mut rng = rand_chacha::ChaCha20Rng::from_seed(derive(seed, "rsa", domain, selector));
        let key = rsa::PrivateKey::new(&mut rng, bits).expect("RSA key generation");
        PrivateKey::Rsa(Box::new(key))
    }

    pub fn algorithm(&self) -> Algorithm {
        match self {
            PrivateKey::Ed25519(_) => Algorithm::Ed25519Sha256,
            #[cfg(feature = "dkim-rsa")]
            PrivateKey::Rsa(_) => Algorithm::RsaSha256,
        }
    }

    /// The public key as a `p=` value: the 32 octets for Ed25519 (RFC 8463
    /// §4), the DER SubjectPublicKeyInfo for RSA (what `openssl` and
    /// `opendkim-genkey` publish; RFC 6376 §3.6.1).
    pub fn public_b64(&self) -> String {
        match self {
            PrivateKey::Ed25519(k) => B64.encode(k.verifying_key().to_bytes()),
            #[cfg(feature = "dkim-rsa")]
            PrivateKey::Rsa(k) => {
                use rsa::pkcs8::EncodePublicKey;
                let der = k
                    .to_public_key()
                    .to_public_key_der()
                    .expect("DER of an RSA public key");
                B64.encode(der.as_bytes())
            }
        }
    }

    /// The TXT record to publish at `<selector>._domainkey.<domain>`.
    pub fn dns_txt(&self) -> String {
        let k = match self.algorithm() {
            Algorithm::Ed25519Sha256 => "ed25519",
            Algorithm::RsaSha256 => "rsa",
        };
        format!("v=DKIM1; k={k}; p={}", self.public_b64())
    }

    /// The private key for other tools: the 32-octet secret in base64 for
    /// Ed25519 (as dkimpy reads it), PKCS#1 PEM for RSA.
    pub fn private_export(&self) -> String {
        match self {
            PrivateKey::Ed25519(k) => B64.encode(k.to_bytes()),
            #[cfg(feature = "dkim-rsa")]
            PrivateKey::Rsa(k) => {
                use rsa::pkcs1::EncodeRsaPrivateKey;
                k.to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
                    .expect("PEM of an RSA key")
                    .to_string()
            }
        }
    }

    fn sign_hash(&self, hash: &[u8; 32], data: &[u8]) -> Vec<u8> {
        let _ = data;
        match self {
            PrivateKey::Ed25519(k) => {
                use ed25519_dalek::Signer;
                k.sign(hash).to_bytes().to_vec()
            }
            #[cfg(feature = "dkim-rsa")]
            PrivateKey::Rsa(k) => k
                .sign(rsa::Pkcs1v15Sign::new::<Sha256>(), hash)
                .expect("RSA signature"),
        }
    }
}

// ---- signing ----------------------------------------------------------------

/// The header fields signed by default, when present (RFC 6376 §5.4.1).
pub const DEFAULT_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "reply-to",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
];

/// How to sign.
#[derive(Clone, Debug)]
pub struct Signer {
    pub domain: String,
    pub selector: String,
    pub key: PrivateKey,
    pub header_canon: Canon,
    pub body_canon: Canon,
    /// Field names to sign; empty: those of [`DEFAULT_HEADERS`] present.
    pub headers: Vec<String>,
    /// `t=`, seconds since 1970 (the world's clock), if given.
    pub timestamp: Option<u64>,
}

impl Signer {
    /// relaxed/relaxed, default headers, no timestamp.
    pub fn new(domain: &str, selector: &str, key: PrivateKey) -> Self {
        Signer {
            domain: normalize(domain),
            selector: selector.to_string(),
            key,
            header_canon: Canon::Relaxed,
            body_canon: Canon::Relaxed,
            headers: Vec::new(),
            timestamp: None,
        }
    }

    /// The whole `DKIM-Signature: ...` field, with its CRLF, to put on top
    /// of `message`.
    pub fn sign(&self, message: &[u8]) -> String {
        let msg = to_crlf(message);
        let parsed = split(&msg);
        let names: Vec<String> = if self.headers.is_empty() {
            DEFAULT_HEADERS
                .iter()
                .filter(|n| parsed.fields.iter().any(|f| f.name.eq_ignore_ascii_case(n)))
                .map(|n| n.to_string())
                .collect()
        } else {
            self.headers.clone()
        };
        let (bh, _) = body_hash(parsed.body, self.body_canon, None);
        let mut value = format!(
            " v=1; a={}; c={}/{}; d={}; s={};\r\n\t",
            self.key.algorithm().as_str(),
            self.header_canon.as_str(),
            self.body_canon.as_str(),
            self.domain,
            self.selector
        );
        if let Some(t) = self.timestamp {
            value.push_str(&format!("t={t}; "));
        }
        value.push_str(&format!("h={};\r\n\tbh={bh};\r\n\tb=", names.join(":")));
        let field = format!("DKIM-Signature:{value}");
        let b = self.b_value(&parsed, &names, &field);
        format!("{field}{b}\r\n")
    }

    /// The `b=` value (base64, unfolded) for a DKIM-Signature field written
    /// by someone else: `field` is the whole field (`DKIM-Signature: ...`,
    /// without its final CRLF) with `b=` empty or not; the fields signed are
    /// those its `h=` names, canonicalised with `self.header_canon`. With the
    /// same key, message and field this is the signature another signer
    /// made (Ed25519 is deterministic, RFC 8032 §5.1.6): the RFC 8463
    /// Appendix A test in tests/auth.rs uses it, because [`Signer::sign`]
    /// lays the tags out in its own order.
    pub fn sign_field(&self, message: &[u8], field: &str) -> String {
        let msg = to_crlf(message);
        let parsed = split(&msg);
        let value = field.split_once(':').map_or("", |(_, v)| v);
        let names: Vec<String> = tags(value)
            .ok()
            .and_then(|t| {
                tag(&t, "h").map(|h| h.split(':').map(|n| n.trim().to_string()).collect())
            })
            .unwrap_or_default();
        self.b_value(&parsed, &names, field)
    }

    fn b_value(&self, parsed: &Parsed<'_>, names: &[String], field: &str) -> String {
        let selected = select(&parsed.fields, names);
        let data = header_data(&selected, field.as_bytes(), self.header_canon);
        let hash: [u8; 32] = Sha256::digest(&data).into();
        B64.encode(self.key.sign_hash(&hash, &data))
    }

    /// The message with its signature on top.
    pub fn sign_message(&self, message: &[u8]) -> Vec<u8> {
        let mut out = self.sign(message).into_bytes();
        out.extend_from_slice(&to_crlf(message));
        out
    }
}

// ---- verifying --------------------------------------------------------------

/// What happened, for the trace and the narration.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DkimEvent {
    /// The message carries no DKIM-Signature.
    NoSignature,
    /// A signature and what it claims.
    Signature {
        domain: String,
        selector: String,
        algorithm: String,
        canon: String,
        headers: String,
    },
    /// The key record found at `name`.
    Key { name: String, text: String },
    /// The body hash computed here against the one in `bh=`.
    BodyHash {
        computed: String,
        claimed: String,
        matched: bool,
        /// The canonical body's length in octets.
        length: usize,
    },
    /// The canonical header data the signature covers.
    Headers { canonical: String },
    /// The verdict for this signature.
    Result {
        domain: String,
        result: &'static str,
        reason: Option<String>,
        key: &'static str,
    },
}

impl DkimEvent {
    pub fn explain_key(&self) -> &'static str {
        match self {
            DkimEvent::NoSignature => "auth.dkim.none",
            DkimEvent::Signature { .. } => "auth.dkim.signature",
            DkimEvent::Key { .. } => "auth.dkim.key",
            DkimEvent::BodyHash { matched: true, .. } => "auth.dkim.bodyhash",
            DkimEvent::BodyHash { .. } => "auth.dkim.bodyhash.fail",
            DkimEvent::Headers { .. } => "auth.dkim.headers",
            DkimEvent::Result { key, .. } => key,
        }
    }
}

/// One signature's verification, with what the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub outcome: DkimOutcome,
    /// The explanation key of the verdict.
    pub key: &'static str,
    pub algorithm: Option<Algorithm>,
    pub canon: (Canon, Canon),
    /// The canonical header data (as text; it is what was hashed).
    pub canonical_headers: String,
    /// The body hash computed here, and the one the signature claims.
    pub body_hash: String,
    pub claimed_body_hash: String,
    /// The key record used, if one was found.
    pub key_record: Option<String>,
}

struct Sig {
    tags: Vec<(String, String)>,
    raw_index: usize,
}

/// The sans-IO verifier: one key lookup per signature.
pub struct DkimVerifier {
    msg: Vec<u8>,
    sigs: Vec<Result<Sig, (String, String)>>,
    at: usize,
    question: Option<Question>,
    events: Vec<DkimEvent>,
    drained: usize,
    results: Vec<Verification>,
}

impl DkimVerifier {
    pub fn new(message: &[u8]) -> Self {
        let msg = to_crlf(message);
        let mut sigs = Vec::new();
        let mut events = Vec::new();
        {
            let parsed = split(&msg);
            for (i, f) in parsed.fields.iter().enumerate() {
                if !f.name.eq_ignore_ascii_case("DKIM-Signature") || sigs.len() >= MAX_SIGNATURES {
                    continue;
                }
                let value = crate::lossy(&f.raw[f.name.len() + 1..]).into_owned();
                sigs.push(match tags(&value) {
                    Ok(t) => Ok(Sig {
                        tags: t,
                        raw_index: i,
                    }),
                    Err(e) => Err((String::new(), e)),
                });
            }
        }
        if sigs.is_empty() {
            events.push(DkimEvent::NoSignature);
        }
        let mut v = DkimVerifier {
            msg,
            sigs,
            at: 0,
            question: None,
            events,
            drained: 0,
            results: Vec::new(),
        };
        v.next_signature();
        v
    }

    pub fn poll_event(&mut self) -> Option<DkimEvent> {
        let e = self.events.get(self.drained).cloned();
        if e.is_some() {
            self.drained += 1;
        }
        e
    }

    pub fn events(&self) -> &[DkimEvent] {
        &self.events
    }

    pub fn results(&self) -> &[Verification] {
        &self.results
    }

    /// Checks the current signature's tags; asks for its key or records a
    /// permerror and moves on, until a question is needed or all are done.
    fn next_signature(&mut self) {
        while self.question.is_none() && self.at < self.sigs.len() {
            let check = match &self.sigs[self.at] {
                Ok(sig) => check_tags(&sig.tags),
                Err((d, e)) => Err((d.clone(), e.clone())),
            };
            match check {
                Ok(c) => {
                    self.events.push(DkimEvent::Signature {
                        domain: c.d.clone(),
                        selector: c.s.clone(),
                        algorithm: c.a.as_str().to_string(),
                        canon: format!("{}/{}", c.hc.as_str(), c.bc.as_str()),
                        headers: c.h.join(":"),
                    });
                    self.question = Some(Question {
                        name: format!("{}._domainkey.{}", c.s, c.d),
                        qtype: RecordType::TXT,
                    });
                }
                Err((domain, why)) => {
                    let (d, s) = match &self.sigs[self.at] {
                        Ok(sig) => (
                            tag(&sig.tags, "d").unwrap_or(&domain).to_string(),
                            tag(&sig.tags, "s").unwrap_or("").to_string(),
                        ),
                        Err(_) => (domain, String::new()),
                    };
                    self.verdict(d, s, "permerror", Some(why), "auth.dkim.permerror", None);
                    self.at += 1;
                }
            }
        }
    }

    fn verdict(
        &mut self,
        domain: String,
        selector: String,
        result: &'static str,
        reason: Option<String>,
        key: &'static str,
        detail: Option<Verification>,
    ) {
        self.events.push(DkimEvent::Result {
            domain: domain.clone(),
            result,
            reason: reason.clone(),
            key,
        });
        let b_prefix = match self.sigs.get(self.at) {
            Some(Ok(sig)) => strip_ws(tag(&sig.tags, "b").unwrap_or(""))
                .chars()
                .take(8)
                .collect(),
            _ => String::new(),
        };
        let outcome = DkimOutcome {
            result,
            domain,
            selector,
            b_prefix,
            reason,
        };
        self.results.push(match detail {
            Some(mut v) => {
                v.outcome = outcome;
                v.key = key;
                v
            }
            None => Verification {
                outcome,
                key,
                algorithm: None,
                canon: (Canon::Simple, Canon::Simple),
                canonical_headers: String::new(),
                body_hash: String::new(),
                claimed_body_hash: String::new(),
                key_record: None,
            },
        });
    }

    fn on_key(&mut self, answer: Option<Answer>) {
        let Some(q) = self.question.take() else {
            return;
        };
        let Some(Ok(sig)) = self.sigs.get(self.at) else {
            return;
        };
        let c = check_tags(&sig.tags).expect("checked before the lookup");
        let raw_index = sig.raw_index;
        let b = strip_ws(tag(&sig.tags, "b").unwrap_or(""));
        let (d, s) = (c.d.clone(), c.s.clone());
        let done = |me: &mut Self, r, why: String, key, v| {
            me.verdict(d.clone(), s.clone(), r, Some(why), key, v);
        };
        let records: Vec<String> = match answer {
            None => {
                done(
                    self,
                    "temperror",
                    format!("no usable DNS answer (none, or SERVFAIL) for {}", q.name),
                    "auth.dkim.temperror",
                    None,
                );
                return self.advance_sig();
            }
            Some(Answer::Txt { records }) => records,
            Some(_) => Vec::new(),
        };
        let Some(text) = records.first().cloned() else {
            done(
                self,
                "permerror",
                format!("no key at {}", q.name),
                "auth.dkim.key.none",
                None,
            );
            return self.advance_sig();
        };
        self.events.push(DkimEvent::Key {
            name: q.name.clone(),
            text: text.clone(),
        });
        let key = match parse_key(&text, c.a, &c) {
            Ok(k) => k,
            Err((key, why)) => {
                done(self, "permerror", why, key, None);
                return self.advance_sig();
            }
        };
        // The body hash, then the header hash and the signature.
        let parsed = split(&self.msg);
        let (computed, length) = body_hash(parsed.body, c.bc, c.l);
        let matched = computed == c.bh;
        self.events.push(DkimEvent::BodyHash {
            computed: computed.clone(),
            claimed: c.bh.clone(),
            matched,
            length,
        });
        let selected = select(&parsed.fields, &c.h);
        let data = header_data(&selected, parsed.fields[raw_index].raw, c.hc);
        let canonical = crate::lossy(&data).into_owned();
        let mut v = Verification {
            outcome: DkimOutcome {
                result: "none",
                domain: String::new(),
                selector: String::new(),
                b_prefix: String::new(),
                reason: None,
            },
            key: "",
            algorithm: Some(c.a),
            canon: (c.hc, c.bc),
            canonical_headers: canonical.clone(),
            body_hash: computed,
            claimed_body_hash: c.bh.clone(),
            key_record: Some(text),
        };
        if !matched {
            done(
                self,
                "fail",
                "body hash did not verify".into(),
                "auth.dkim.fail.bodyhash",
                Some(v),
            );
            return self.advance_sig();
        }
        self.events.push(DkimEvent::Headers { canonical });
        let hash: [u8; 32] = Sha256::digest(&data).into();
        let sig_bytes = match B64.decode(&b) {
            Ok(x) => x,
            Err(_) => {
                done(
                    self,
                    "permerror",
                    "b= is not base64".into(),
                    "auth.dkim.permerror",
                    Some(v),
                );
                return self.advance_sig();
            }
        };
        match key.verify(&hash, &sig_bytes) {
            Ok(()) => {
                v.outcome.reason = None;
                self.verdict(
                    d.clone(),
                    s.clone(),
                    "pass",
                    None,
                    "auth.dkim.pass",
                    Some(v),
                );
            }
            Err(why) => done(self, "fail", why, "auth.dkim.fail.signature", Some(v)),
        }
        self.advance_sig();
    }

    fn advance_sig(&mut self) {
        self.at += 1;
        self.next_signature();
    }
}

impl Evaluator for DkimVerifier {
    type Output = Vec<Verification>;

    fn poll_step(&mut self) -> Step<Vec<Verification>> {
        match &self.question {
            Some(q) => Step::Query(q.clone()),
            None => Step::Done(self.results.clone()),
        }
    }

    fn handle_answer(&mut self, answer: Option<Answer>) {
        self.on_key(answer);
    }
}

/// The checked tags of one signature.
struct Checked {
    a: Algorithm,
    hc: Canon,
    bc: Canon,
    d: String,
    s: String,
    h: Vec<String>,
    bh: String,
    l: Option<usize>,
}

/// RFC 6376 §6.1.1: required tags, version, algorithm, `h=` with From,
/// `i=` under `d=`. `Err((d, why))`.
fn check_tags(t: &[(String, String)]) -> Result<Checked, (String, String)> {
    let d = normalize(tag(t, "d").unwrap_or(""));
    let err = |why: &str| Err((d.clone(), why.to_string()));
    for req in ["v", "a", "b", "bh", "d", "h", "s"] {
        if tag(t, req).is_none() {
            return err(&format!("the signature has no {req}= tag"));
        }
    }
    if tag(t, "v") != Some("1") {
        return err("v= is not 1");
    }
    let a = match tag(t, "a").unwrap_or("").to_ascii_lowercase().as_str() {
        "ed25519-sha256" => Algorithm::Ed25519Sha256,
        "rsa-sha256" => Algorithm::RsaSha256,
        "rsa-sha1" => return err("rsa-sha1 is no longer accepted (RFC 8301)"),
        other => return err(&format!("unknown algorithm {other}")),
    };
    let (hc, bc) = match tag(t, "c").map(str::to_ascii_lowercase) {
        None => (Canon::Simple, Canon::Simple),
        Some(c) => {
            let parse = |x: &str| match x {
                "simple" => Some(Canon::Simple),
                "relaxed" => Some(Canon::Relaxed),
                _ => None,
            };
            let (h, b) = c.split_once('/').unwrap_or((&c, "simple"));
            match (parse(h), parse(b)) {
                (Some(h), Some(b)) => (h, b),
                _ => return err(&format!("unknown canonicalization {c}")),
            }
        }
    };
    let h: Vec<String> = strip_ws(tag(t, "h").unwrap_or(""))
        .split(':')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if !h.iter().any(|n| n.eq_ignore_ascii_case("from")) {
        return err("h= does not include From");
    }
    if let Some(i) = tag(t, "i") {
        let idom = i.rsplit_once('@').map_or(i, |(_, d)| d);
        if !super::is_subdomain_or_same(idom, &d) {
            return err("i= is not in the d= domain");
        }
    }
    let l = match tag(t, "l") {
        None => None,
        Some(l) => Some(l.parse().map_err(|_| (d.clone(), "bad l=".to_string()))?),
    };
    let s = tag(t, "s").unwrap_or("").to_string();
    Ok(Checked {
        a,
        hc,
        bc,
        s,
        h,
        bh: strip_ws(tag(t, "bh").unwrap_or("")),
        l,
        d,
    })
}

/// A public key from a key record.
enum PublicKey {
    Ed25519(ed25519_dalek::VerifyingKey),
    #[cfg(feature = "dkim-rsa")]
    Rsa(Box<rsa::PublicKey>),
}

impl PublicKey {
    fn verify(&self, hash: &[u8; 32], sig: &[u8]) -> Result<(), String> {
        match self {
            PublicKey::Ed25519(k) => {
                let sig = ed25519_dalek::Signature::from_slice(sig)
                    .map_err(|_| "the signature is not 64 octets".to_string())?;
                k.verify_strict(hash, &sig)
                    .map_err(|_| "the signature does not match the headers".to_string())
            }
            #[cfg(feature = "dkim-rsa")]
            PublicKey::Rsa(k) => k
                .verify(rsa::Pkcs1v15Sign::new::<Sha256>(), hash, sig)
                .map_err(|_| "the signature does not match the headers".to_string()),
        }
    }
}

/// Parses a key record (RFC 6376 §3.6.1). `Err((key, why))`.
fn parse_key(text: &str, a: Algorithm, c: &Checked) -> Result<PublicKey, (&'static str, String)> {
    let bad = |why: String| Err(("auth.dkim.key.bad", why));
    let t = match tags(text) {
        Ok(t) => t,
        Err(e) => return bad(e),
    };
    if let Some(v) = tag(&t, "v") {
        if v != "DKIM1" {
            return bad(format!("key record v={v}"));
        }
    }
    let p = strip_ws(tag(&t, "p").unwrap_or(""));
    if tag(&t, "p").is_none() {
        return bad("key record has no p=".into());
    }
    if p.is_empty() {
        return Err((
            "auth.dkim.key.revoked",
            "the key has been revoked (empty p=)".into(),
        ));
    }
    if let Some(h) = tag(&t, "h") {
        if !strip_ws(h)
            .split(':')
            .any(|x| x.eq_ignore_ascii_case("sha256"))
        {
            return bad("the key does not allow sha256".into());
        }
    }
    if let Some(flags) = tag(&t, "t") {
        if strip_ws(flags).split(':').any(|f| f == "s") && c.d.is_empty() {
            return bad("t=s".into());
        }
    }
    let k = tag(&t, "k").unwrap_or("rsa").to_ascii_lowercase();
    let bytes = match B64.decode(&p) {
        Ok(b) => b,
        Err(_) => return bad("p= is not base64".into()),
    };
    match (k.as_str(), a) {
        ("ed25519", Algorithm::Ed25519Sha256) => {
            let arr: [u8; 32] = match bytes.try_into() {
                Ok(a) => a,
                Err(_) => return bad("an Ed25519 key is 32 octets".into()),
            };
            ed25519_dalek::VerifyingKey::from_bytes(&arr)
                .map(PublicKey::Ed25519)
                .map_err(|_| ("auth.dkim.key.bad", "not an Ed25519 key".into()))
        }
        #[cfg(feature = "dkim-rsa")]
        ("rsa", Algorithm::RsaSha256) => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            use rsa::pkcs8::DecodePublicKey;
            rsa::PublicKey::from_public_key_der(&bytes)
                .or_else(|_| rsa::PublicKey::from_pkcs1_der(&bytes))
                .map(|k| PublicKey::Rsa(Box::new(k)))
                .map_err(|_| ("auth.dkim.key.bad", "not an RSA public key".into()))
        }
        #[cfg(not(feature = "dkim-rsa"))]
        ("rsa", Algorithm::RsaSha256) => Err((
            "auth.dkim.key.bad",
            "rsa-sha256 is not built into this MailSim (feature dkim-rsa)".into(),
        )),
        (k, a) => bad(format!("key type k={k} does not fit a={}", a.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6376 §3.4.6, the canonicalisation example.
    const EXAMPLE: &[u8] = b"A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    #[test]
    fn rfc_6376_section_3_4_6_relaxed() {
        let p = split(EXAMPLE);
        let h: Vec<u8> = p
            .fields
            .iter()
            .flat_map(|f| canon_header(f.raw, Canon::Relaxed))
            .collect();
        assert_eq!(h, b"a:X\r\nb:Y Z\r\n");
        assert_eq!(canon_body(p.body, Canon::Relaxed), b" C\r\nD E\r\n");
    }

    #[test]
    fn rfc_6376_section_3_4_6_simple() {
        let p = split(EXAMPLE);
        let h: Vec<u8> = p
            .fields
            .iter()
            .flat_map(|f| canon_header(f.raw, Canon::Simple))
            .collect();
        assert_eq!(h, b"A: X\r\nB : Y\t\r\n\tZ  \r\n");
        assert_eq!(canon_body(p.body, Canon::Simple), b" C \r\nD \t E\r\n");
    }

    #[test]
    fn empty_bodies() {
        assert_eq!(canon_body(b"", Canon::Simple), b"\r\n");
        assert_eq!(canon_body(b"\r\n\r\n", Canon::Simple), b"\r\n");
        assert_eq!(canon_body(b"", Canon::Relaxed), b"");
        assert_eq!(canon_body(b" \r\n\r\n", Canon::Relaxed), b"");
        // RFC 6376 §3.4.3/§3.4.4: the well-known hashes of an empty body.
        assert_eq!(
            body_hash(b"", Canon::Simple, None).0,
            "frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY="
        );
        assert_eq!(
            body_hash(b"", Canon::Relaxed, None).0,
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    /// The byte-at-a-time versions `to_crlf` and `canon_body` replaced.
    fn to_crlf_reference(msg: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut prev = 0u8;
        for &b in msg {
            if b == b'\n' && prev != b'\r' {
                out.push(b'\r');
            }
            out.push(b);
            prev = b;
        }
        out
    }

    fn relaxed_body_reference(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for line in body.split_inclusive(|&b| b == b'\n') {
            let (content, eol) = match line.strip_suffix(b"\r\n") {
                Some(c) => (c, true),
                None => (line, false),
            };
            let mut pending = false;
            for &b in content {
                if is_wsp(b) {
                    pending = true;
                } else {
                    if pending {
                        out.push(b' ');
                    }
                    pending = false;
                    out.push(b);
                }
            }
            if eol {
                out.extend_from_slice(b"\r\n");
            }
        }
        if !out.is_empty() && !out.ends_with(b"\r\n") {
            out.extend_from_slice(b"\r\n");
        }
        while out.ends_with(b"\r\n\r\n") {
            out.truncate(out.len() - 2);
        }
        if out == b"\r\n" {
            out.clear();
        }
        out
    }

    #[test]
    fn line_at_a_time_copies_match_the_byte_at_a_time_reference() {
        // Short random strings over the bytes that matter (xorshift, fixed seed).
        let alphabet = b" \t\r\nab";
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 24) as usize;
            let mut y = x;
            let s: Vec<u8> = (0..len)
                .map(|_| {
                    y = y
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(y >> 59) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(to_crlf(&s), to_crlf_reference(&s), "to_crlf {s:?}");
            assert_eq!(
                canon_body(&s, Canon::Relaxed),
                relaxed_body_reference(&s),
                "relaxed {s:?}"
            );
        }
    }

    #[test]
    fn without_b_empties_only_the_b_tag() {
        assert_eq!(
            without_b(b"DKIM-Signature: v=1; bh=abc; b=xy\r\n\tz; d=x"),
            b"DKIM-Signature: v=1; bh=abc; b=; d=x".to_vec()
        );
    }
}
