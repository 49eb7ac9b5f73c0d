//! Independent implementations against ours (issue 18): pyspf gives the
//! same SPF result on the case table; dkimpy verifies our ed25519-sha256
//! and rsa-sha256 signatures, and we verify dkimpy's, with the keys served
//! from the same zones (`tests/interop/auth_check.py` does the Python side).
//!
//! Needs python3 with dkimpy, pynacl, dnspython and pyspf
//! (`scripts/setup.sh test` installs them). Without them the test says so
//! and passes, unless `MAILSIM_REQUIRE_INTEROP=1` (CI sets nothing else up
//! first, so `scripts/test.sh` runs setup before the tests).

#![cfg(feature = "dkim-rsa")]

mod common;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use common::auth_cases::dkim::*;
use common::auth_cases::*;
use protocol_core::auth::dkim::{Canon, PrivateKey};
use protocol_core::dns::{Answer, RecordType, Zones};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The first message a world's run delivered, as the server stored it.
fn delivered(w: &protocol_core::sim::World) -> String {
    w.trace()
        .iter()
        .find_map(|e| match &e.kind {
            protocol_core::sim::EventKind::Delivered { message, .. } => Some(message.clone()),
            _ => None,
        })
        .expect("delivered")
}

fn python_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import dkim, nacl, spf, dns"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var("MAILSIM_REQUIRE_INTEROP").is_err(),
            "python3 with dkimpy, pynacl, pyspf and dnspython is needed (scripts/setup.sh test)"
        );
        eprintln!("SKIPPED: python3 with dkimpy, pynacl, pyspf and dnspython not found");
    }
    ok
}

/// The zones as the script reads them: every name of every record set.
fn zones_json(z: &Zones) -> Value {
    let mut a = serde_json::Map::new();
    let mut mx = serde_json::Map::new();
    let mut txt = serde_json::Map::new();
    let names: std::collections::BTreeSet<String> = z
        .a_records()
        .map(|(n, _)| n.to_string())
        .chain(z.mx_records().map(|(n, _)| n.to_string()))
        .chain(z.txt_records().map(|(n, _)| n.to_string()))
        .collect();
    for n in names {
        if let Answer::A { addrs } = z.query(&n, RecordType::A) {
            a.insert(
                n.clone(),
                json!(addrs.iter().map(|x| x.to_string()).collect::<Vec<_>>()),
            );
        }
        if let Answer::Mx { records } = z.query(&n, RecordType::MX) {
            mx.insert(
                n.clone(),
                json!(records
                    .iter()
                    .map(|m| json!([m.preference, m.exchange]))
                    .collect::<Vec<_>>()),
            );
        }
        if let Answer::Txt { records } = z.query(&n, RecordType::TXT) {
            txt.insert(n.clone(), json!(records));
        }
    }
    json!({ "A": a, "MX": mx, "TXT": txt })
}

fn run_python(input: &Value) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/interop/auth_check.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "auth_check.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from auth_check.py")
}

#[test]
fn pyspf_and_dkimpy_agree_with_us() {
    if !python_ready() {
        return;
    }
    let mut z = zones_with_keys();
    // Keys that only dkimpy signs with (ours, exported), under their own selectors.
    let py_ed = PrivateKey::ed25519_from_seed(SEED, "isp.example", "py-ed");
    z.add_txt("py-ed._domainkey.isp.example", &py_ed.dns_txt());
    z.add_txt("py-rsa._domainkey.isp.example", &rsa_key().dns_txt());

    // SPF: the cases pyspf can be asked the same way (it has no HELO-only
    // entry point besides an empty sender, which check2 also takes).
    let cases = spf_cases();
    let spf_in: Vec<Value> = cases
        .iter()
        .map(|c| {
            let sender = match c.mail_from {
                Some(m) => m.to_string(),
                None => String::new(),
            };
            json!({"ip": c.ip.to_string(), "sender": sender, "helo": c.helo})
        })
        .collect();

    // DKIM: ours, for dkimpy to verify.
    let rr = (Canon::Relaxed, Canon::Relaxed);
    let ss = (Canon::Simple, Canon::Simple);
    let ours: Vec<(&str, Vec<u8>, bool)> = vec![
        (
            "ed25519 relaxed/relaxed",
            signer(ed_key(), "ed", rr).sign_message(MESSAGE.as_bytes()),
            true,
        ),
        (
            "ed25519 simple/simple",
            signer(ed_key(), "ed", ss).sign_message(MESSAGE.as_bytes()),
            true,
        ),
        (
            "rsa relaxed/relaxed",
            signer(rsa_key(), "rsa", rr).sign_message(MESSAGE.as_bytes()),
            true,
        ),
        (
            "rsa simple/simple",
            signer(rsa_key(), "rsa", ss).sign_message(MESSAGE.as_bytes()),
            true,
        ),
        (
            "ed25519, body changed",
            String::from_utf8(signer(ed_key(), "ed", rr).sign_message(MESSAGE.as_bytes()))
                .unwrap()
                .replace("noon", "one")
                .into_bytes(),
            false,
        ),
    ];
    let sign_in = vec![
        json!({"message": B64.encode(MESSAGE), "selector": "py-ed", "domain": "isp.example",
               "algorithm": "ed25519-sha256", "key": py_ed.private_export(), "canon": "relaxed/relaxed"}),
        json!({"message": B64.encode(MESSAGE), "selector": "py-rsa", "domain": "isp.example",
               "algorithm": "rsa-sha256", "key": rsa_key().private_export(), "canon": "relaxed/simple"}),
        json!({"message": B64.encode(MESSAGE), "selector": "py-ed", "domain": "isp.example",
               "algorithm": "ed25519-sha256", "key": py_ed.private_export(), "canon": "simple/simple"}),
    ];
    let input = json!({
        "zones": zones_json(&z),
        "spf": spf_in,
        "verify": ours.iter().map(|(_, m, _)| B64.encode(m)).collect::<Vec<_>>(),
        "sign": sign_in,
    });
    let out = run_python(&input);

    let mut disagree = Vec::new();
    for (c, theirs) in cases.iter().zip(out["spf"].as_array().unwrap()) {
        let (mine, _) = run_spf(c, &z);
        if theirs.as_str() != Some(mine.result.as_str()) {
            disagree.push(format!(
                "SPF {}: pyspf {theirs}, ours {}",
                c.name,
                mine.result.as_str()
            ));
        }
    }
    for ((name, _, want), got) in ours.iter().zip(out["verify"].as_array().unwrap()) {
        if got.as_bool() != Some(*want) {
            disagree.push(format!(
                "dkimpy verifying our {name}: {got}, expected {want}"
            ));
        }
    }
    let signed = out["signed"].as_array().unwrap();
    assert_eq!(signed.len(), 3);
    for s in signed {
        let m = B64.decode(s.as_str().unwrap()).unwrap();
        let (res, _) = verify(&m, &z);
        if res.first().map(|v| v.outcome.result) != Some("pass") {
            disagree.push(format!(
                "ours verifying dkimpy's signature: {:?}\n{}",
                res.first().map(|v| (&v.outcome, &v.canonical_headers)),
                String::from_utf8_lossy(&m)
            ));
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

/// dkimpy checks the world's own signatures, on the messages as Dave's
/// server stored them (with the Received, Authentication-Results and
/// Return-Path lines added after signing), against the world's zones: John's
/// mail verifies; the one the scanner changed does not.
#[test]
fn dkimpy_verifies_the_world_s_signatures_as_dave_s_server_stored_them() {
    if !python_ready() {
        return;
    }
    let stored = |name: &str| {
        let s = protocol_core::scenario::catalogue()
            .into_iter()
            .find(|s| s.name == name)
            .unwrap();
        let w = s.run(None);
        let m = delivered(&w);
        (w.zones().clone(), m)
    };
    for (name, want) in [("seed-story", true), ("altered-in-transit", false)] {
        let (z, m) = stored(name);
        let input = json!({
            "zones": zones_json(&z),
            "spf": [],
            "verify": [B64.encode(m.as_bytes())],
            "sign": [],
        });
        let out = run_python(&input);
        assert_eq!(out["verify"][0].as_bool(), Some(want), "{name}:\n{m}");
    }
}

/// dkimpy checks both signatures of a message the ISP signs with
/// ed25519-sha256 and rsa-sha256 (`[host.dkim]`), as Dave's server stored
/// it, once with relaxed/relaxed and once with simple/simple.
#[cfg(feature = "toml")]
#[test]
fn dkimpy_verifies_both_signatures_of_a_dual_signed_message() {
    if !python_ready() {
        return;
    }
    for canon in ["relaxed/relaxed", "simple/simple"] {
        let src = format!(
            "name = \"dual\"\ntitle = \"t\"\ngoal = \"g\"\nseed = 1\n\n[[host]]\nid = \"isp\"\n[host.dkim]\nalgorithms = [\"ed25519-sha256\", \"rsa-sha256\"]\ncanonicalization = \"{canon}\"\n\n[[step]]\nat = \"0s\"\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n"
        );
        let w = protocol_core::scenario::Scenario::parse(&src, "dual.toml")
            .unwrap()
            .run(None);
        let m = delivered(&w);
        assert!(m.contains("a=rsa-sha256"), "{m}");
        let input = json!({
            "zones": zones_json(w.zones()),
            "spf": [],
            "verify": [],
            "verify_each": [B64.encode(m.as_bytes()), B64.encode(format!("{m}tampered\r\n"))],
            "sign": [],
        });
        let out = run_python(&input);
        assert_eq!(out["verify_each"][0], json!([true, true]), "{canon}:\n{m}");
        // A line added to the body breaks both: the check is not vacuous.
        assert_eq!(out["verify_each"][1], json!([false, false]), "{canon}");
    }
}
