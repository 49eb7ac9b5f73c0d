//! The trace carries the explanation key each session chose for what it
//! sent (issue 11): the front ends no longer guess from the last command.

use protocol_core::explain::lookup;
use protocol_core::scenario::catalogue;
use serde_json::Value;

/// The trace of every built-in scenario, as the front ends read it (JSON).
fn json_traces() -> Vec<(String, Vec<Value>)> {
    catalogue()
        .iter()
        .map(|s| {
            let w = s.run(None);
            let v: Value = serde_json::to_value(w.trace()).unwrap();
            (s.name.to_string(), v.as_array().unwrap().clone())
        })
        .collect()
}

fn is_server_text(e: &Value) -> bool {
    matches!(e["kind"]["type"].as_str(), Some("line") | Some("payload"))
        && e["kind"]["dir"] == "to_client"
        && matches!(e["kind"]["protocol"].as_str(), Some("smtp") | Some("pop3"))
}

#[test]
fn every_server_reply_in_every_builtin_scenario_carries_a_known_key() {
    let mut replies = 0;
    for (name, trace) in json_traces() {
        for e in trace.iter().filter(|e| is_server_text(e)) {
            replies += 1;
            let key = e["explain"].as_str().unwrap_or_else(|| {
                panic!("{name}: server text without a key: {}", e["kind"]["text"])
            });
            assert!(
                lookup(key).is_some(),
                "{name}: key {key} is not in the table"
            );
        }
        // The message after DATA and every SMTP/POP3 line have keys too.
        for e in trace.iter().filter(|e| e["kind"]["type"] == "payload") {
            assert!(e["explain"].is_string(), "{name}: payload without a key");
        }
    }
    assert!(
        replies > 300,
        "only {replies} server lines: did the scenarios change?"
    );
}

/// QUIT after DELE enters UPDATE and removes the marked messages (RFC 1939
/// §6); the old guess narrated it as "Goodbye (nothing deleted)".
#[test]
fn the_sign_off_after_dele_is_explained_as_the_update_state() {
    let mut seen = 0;
    for (name, trace) in json_traces() {
        let mut deleted_on = Vec::new();
        for (i, e) in trace.iter().enumerate() {
            let k = &e["kind"];
            if k["type"] == "line" && k["protocol"] == "pop3" && k["dir"] == "to_server" {
                let conn = k["conn"].as_u64();
                let text = k["text"].as_str().unwrap_or("");
                if text.starts_with("DELE ") {
                    deleted_on.push(conn);
                }
                if text == "QUIT" {
                    // The next +OK on this connection is the sign-off.
                    let reply = trace[i..]
                        .iter()
                        .find(|r| {
                            r["kind"]["conn"].as_u64() == conn
                                && r["kind"]["dir"] == "to_client"
                                && r["kind"]["text"]
                                    .as_str()
                                    .is_some_and(|t| t.starts_with("+OK"))
                        })
                        .unwrap_or_else(|| panic!("{name}: QUIT got no +OK"));
                    let want = if deleted_on.contains(&conn) {
                        seen += 1;
                        "pop3.ok.quit_update"
                    } else {
                        "pop3.ok.quit"
                    };
                    // A QUIT in TRANSACTION always goes through UPDATE; only
                    // a QUIT in AUTHORIZATION is the plain goodbye.
                    let got = reply["explain"].as_str().unwrap();
                    if want == "pop3.ok.quit_update" {
                        assert_eq!(got, want, "{name}: {}", reply["kind"]["text"]);
                    }
                }
            }
        }
    }
    assert!(seen > 0, "no scenario downloads and deletes a message");
}

/// Refusals carry the refusal's own entry, not a generic "error" text.
#[test]
fn refusals_carry_the_sessions_own_refusal_key() {
    let mut seen = Vec::new();
    for (_, trace) in json_traces() {
        for e in trace
            .iter()
            .filter(|e| is_server_text(e) && e["kind"]["type"] == "line")
        {
            let text = e["kind"]["text"].as_str().unwrap_or("");
            let key = e["explain"].as_str().unwrap();
            if text.starts_with("-ERR") {
                assert!(key.starts_with("pop3.err."), "{text}: {key}");
            }
            if text.contains("Relaying denied") {
                assert_eq!(key, "smtp.error.relay_denied");
                seen.push(key.to_string());
            }
            if text.contains("User unknown") {
                assert_eq!(key, "smtp.error.unknown_user");
                seen.push(key.to_string());
            }
        }
    }
    assert!(seen.iter().any(|k| k == "smtp.error.relay_denied"));
    assert!(seen.iter().any(|k| k == "smtp.error.unknown_user"));
}

/// The tables are the machines (issue 11): every state change a session
/// (server or client, SMTP, POP3 or IMAP) made in a built-in scenario
/// follows a row of its table.
#[test]
fn every_state_change_in_every_scenario_is_a_row_of_its_table() {
    use protocol_core::imap::client::CLIENT_TRANSITIONS as IMAP_CLIENT;
    use protocol_core::imap::{ImapState, TRANSITIONS as IMAP};
    use protocol_core::pop3::client::CLIENT_TRANSITIONS as POP3_CLIENT;
    use protocol_core::pop3::{Pop3State, TRANSITIONS as POP3};
    use protocol_core::sim::{EventKind, Role, SessionState as S};
    use protocol_core::smtp::client::{ClientState, TRANSITIONS as SMTP_CLIENT};
    use protocol_core::smtp::server::{SmtpState, TRANSITIONS as SMTP};
    fn row<T: PartialEq + Copy>(t: &[(T, &str, T)], a: T, b: T) -> bool {
        t.iter().any(|r| r.0 == a && r.2 == b)
    }
    // The state each machine starts in, before any change is reported.
    let start = |s: S| match s {
        S::SmtpServer(_) => S::SmtpServer(SmtpState::Greeting),
        S::SmtpClient(_) => S::SmtpClient(ClientState::Greeting),
        S::Pop3Server(_) => S::Pop3Server(Pop3State::Authorization),
        S::Pop3Client(_) => S::Pop3Client(Pop3State::Authorization),
        S::ImapServer(_) => S::ImapServer(ImapState::NotAuthenticated),
        S::ImapClient(_) => S::ImapClient(ImapState::NotAuthenticated),
    };
    let mut changes = [0; 2];
    for s in catalogue() {
        let w = s.run(None);
        let mut now: std::collections::BTreeMap<(u64, bool), S> = Default::default();
        for e in w.trace() {
            let EventKind::StateChanged {
                conn, role, state, ..
            } = &e.kind
            else {
                continue;
            };
            let server = *role == Role::Server;
            let from = now.insert((*conn, server), *state).unwrap_or(start(*state));
            let is_row = match (from, *state) {
                (S::SmtpServer(a), S::SmtpServer(b)) => row(SMTP, a, b),
                (S::SmtpClient(a), S::SmtpClient(b)) => row(SMTP_CLIENT, a, b),
                (S::Pop3Server(a), S::Pop3Server(b)) => row(POP3, a, b),
                (S::Pop3Client(a), S::Pop3Client(b)) => row(POP3_CLIENT, a, b),
                (S::ImapServer(a), S::ImapServer(b)) => row(IMAP, a, b),
                (S::ImapClient(a), S::ImapClient(b)) => row(IMAP_CLIENT, a, b),
                _ => false,
            };
            assert!(
                is_row,
                "{}: #{conn} {from:?} -> {state:?} is not a row",
                s.name
            );
            changes[server as usize] += 1;
        }
    }
    assert!(
        changes[0] > 100 && changes[1] > 100,
        "only {changes:?} state changes"
    );
}
