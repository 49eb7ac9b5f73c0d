"""Our own clients against real servers: Debian's Postfix and Dovecot.

protocol-core's sans-IO SMTP client (smtp::client) submits mail to Postfix,
Postfix delivers it with local(8) into Maildirs, and our POP3 client
(pop3::client) downloads it from Dovecot, as our IMAP client
(imap::client) reads and moves it there. The clients run on real sockets
through protocol-core/examples/real_peer.rs (cargo build --release -p
protocol-core --example real_peer). real_servers.py starts both servers on
free loopback ports in a temp dir, as root; nothing of the system's own
Postfix or Dovecot is used or touched.

Each test checks what arrived (the Maildir, the bytes downloaded), not only
exit codes. Skips only when the Debian packages are not installed (and
fails instead under MAILSIM_REQUIRE_INTEROP=1, as scripts/test.sh runs it).
"""

import imaplib
import os
import re
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from real_servers import DOMAIN, HOST, RealServers, missing

ROOT = Path(__file__).resolve().parents[2]
PEER = Path(os.environ.get("MAILSIM_REAL_PEER", ROOT / "target" / "release" / "examples" / "real_peer"))

# Every kind of line dot-stuffing must get right (RFC 5321 §4.5.2): a lone
# dot, dots at the start, a dot followed by text, a dot not at the start.
DOTS = (b".\r\n"
        b"..\r\n"
        b".leading dot\r\n"
        b"..two leading dots\r\n"
        b". dot and space\r\n"
        b"middle . dot\r\n"
        b"...\r\n")


def message(subject, to, body=DOTS, sender="john@isp.example"):
    """A complete message, so Postfix's cleanup adds nothing inside it."""
    return (f"From: John <{sender}>\r\n"
            f"To: {', '.join(to)}\r\n"
            f"Subject: {subject}\r\n"
            f"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
            f"Message-ID: <{subject.replace(' ', '-')}.{time.time_ns()}@isp.example>\r\n"
            f"MIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n"
            f"\r\n").encode() + body


@pytest.fixture(scope="module")
def servers():
    why = missing()
    if why:
        if os.environ.get("MAILSIM_REQUIRE_INTEROP"):
            pytest.fail(why)
        pytest.skip(why)
    if not PEER.exists():
        pytest.fail(f"{PEER} is missing: cargo build --release -p protocol-core --example real_peer")
    s = RealServers()
    yield s
    s.stop()


@pytest.fixture
def mx(servers):
    for user in ("dave", "mary"):
        servers.empty(user)
    return servers


def peer(*args, timeout=60):
    """Runs real_peer; returns (exit status, its transcript)."""
    run = subprocess.run([str(PEER), *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return run.returncode, run.stdout + run.stderr


def send(port, to, msg, *extra, sender="john@isp.example"):
    with tempfile.NamedTemporaryFile(suffix=".eml", delete=False) as f:
        f.write(msg)
    try:
        rcpts = [a for t in to for a in ("--to", t)]
        return peer("smtp-send", "--server", f"{HOST}:{port}", "--from", sender, *rcpts,
                    "--helo", "john-pc.isp.example", "--message-file", f.name, *extra)
    finally:
        os.unlink(f.name)


def fetch(servers, user, *extra):
    """One POP3 visit; returns (status, transcript, [downloaded messages])."""
    with tempfile.TemporaryDirectory() as d:
        rc, out = peer("pop3-fetch", "--server", f"{HOST}:{servers.pop3}", "--user", user,
                       "--pass", f"{user}-pass", "--save", d, *extra)
        files = sorted(Path(d).glob("*.eml"), key=lambda p: int(p.stem))
        return rc, out, [p.read_bytes() for p in files]


def outcomes(transcript):
    """{recipient: (word, code)} from real_peer's `outcome:` lines."""
    return {m[1]: (m[2], int(m[3]))
            for m in re.finditer(r"^outcome: (\S+@\S+) (accepted|transient|permanent) (\d{3})", transcript, re.M)}


def client_lines(transcript):
    return [line[3:] for line in transcript.splitlines() if line.startswith("C: ")]


def split_trace_headers(downloaded, sent):
    """The message as downloaded must be Postfix's trace headers + our bytes, unchanged."""
    assert downloaded.endswith(sent), (
        "the message did not survive byte for byte:\n"
        f"sent:\n{sent.decode(errors='replace')}\ndownloaded:\n{downloaded.decode(errors='replace')}")
    added = downloaded[:-len(sent)].decode()
    names = [line.split(":", 1)[0] for line in added.split("\r\n") if line and not line[0].isspace()]
    return names


# ------------------------------------------------------------ SMTP client -> Postfix

def test_message_survives_postfix_and_dovecot_byte_for_byte_then_dele(mx):
    sent = message("dots", ["dave@peers.test"])
    rc, out = send(mx.smtp, ["dave@peers.test"], sent)
    assert rc == 0, out
    assert outcomes(out) == {"dave@peers.test": ("accepted", 250)}, out
    # Our client dot-stuffed on the wire (RFC 5321 §4.5.2).
    wire = client_lines(out)
    for line in ("..", "...", "..leading dot", "...two leading dots", ".. dot and space", "middle . dot", "...."):
        assert line in wire, (line, out)
    mx.wait_delivered("dave", 1)

    rc, out, got = fetch(mx, "dave", "--delete")
    assert rc == 0, out
    assert len(got) == 1, out
    names = split_trace_headers(got[0], sent)
    assert names == ["Return-Path", "X-Original-To", "Delivered-To", "Received"], names
    assert got[0].startswith(b"Return-Path: <john@isp.example>\r\n")
    assert b"from john-pc.isp.example (localhost [127.0.0.1])" in got[0], "our EHLO name in Postfix's Received line"
    # Dovecot sent it dot-stuffed; our client undid it.
    assert "S: ..leading dot" in out and "S: ...." in out
    assert re.search(r"^C: DELE 1$", out, re.M) and re.search(r"^C: QUIT$", out, re.M)
    assert mx.maildir_count("dave") == 0, "DELE + QUIT must remove the message from the Maildir"
    rc, out, got = fetch(mx, "dave")
    assert rc == 0 and got == [], out
    assert "S: +OK 0 0" in out


def test_pipelined_multi_recipient_envelope(mx):
    to = ["dave@peers.test", "mary@peers.test", "nobody@peers.test"]
    sent = message("three recipients", to)
    rc, out = send(mx.smtp, to, sent)
    # One of the three is unknown to Postfix: 550 for it, the message for the others.
    assert rc == 1, out
    assert outcomes(out) == {"dave@peers.test": ("accepted", 250), "mary@peers.test": ("accepted", 250),
                             "nobody@peers.test": ("permanent", 550)}, out
    # RFC 2920: MAIL and every RCPT went out before the first reply to them came back.
    lines = out.splitlines()
    mail = next(i for i, l in enumerate(lines) if l.startswith("C: MAIL FROM:"))
    first_reply = next(i for i, l in enumerate(lines) if i > mail and l.startswith("S: "))
    assert [l for l in lines[mail:first_reply]] == [
        "C: MAIL FROM:<john@isp.example> SIZE=%d" % len(sent),
        "C: RCPT TO:<dave@peers.test>", "C: RCPT TO:<mary@peers.test>", "C: RCPT TO:<nobody@peers.test>"], out
    assert "PIPELINING" in out
    mx.wait_delivered("dave", 1)
    mx.wait_delivered("mary", 1)
    for user in ("dave", "mary"):
        rc, fout, got = fetch(mx, user, "--delete")
        assert rc == 0 and len(got) == 1, fout
        split_trace_headers(got[0], sent)
        assert f"Delivered-To: {user}@peers.test\r\n".encode() in got[0]


def test_without_pipelining_one_command_at_a_time(mx):
    to = ["dave@peers.test", "mary@peers.test"]
    sent = message("no pipelining", to)
    rc, out = send(mx.smtp, to, sent, "--no-pipelining", "--no-size")
    assert rc == 0, out
    assert outcomes(out) == {"dave@peers.test": ("accepted", 250), "mary@peers.test": ("accepted", 250)}, out
    # Every command waits for its reply.
    lines = [l for l in out.splitlines() if l.startswith(("C: MAIL", "C: RCPT", "C: DATA", "S: 250 2.1", "S: 354"))]
    assert lines == ["C: MAIL FROM:<john@isp.example>", "S: 250 2.1.0 Ok",
                     "C: RCPT TO:<dave@peers.test>", "S: 250 2.1.5 Ok",
                     "C: RCPT TO:<mary@peers.test>", "S: 250 2.1.5 Ok",
                     "C: DATA", "S: 354 End data with <CR><LF>.<CR><LF>"], out
    mx.wait_delivered("dave", 1)
    mx.wait_delivered("mary", 1)
    rc, fout, got = fetch(mx, "mary")
    assert rc == 0 and len(got) == 1, fout
    split_trace_headers(got[0], sent)


def test_8bit_body_is_announced_with_body_8bitmime(mx):
    sent = message("8bit", ["dave@peers.test"], body="Grüße aus Zürich, café.\r\n.ünicode dot\r\n".encode())
    rc, out = send(mx.smtp, ["dave@peers.test"], sent)
    assert rc == 0, out
    assert re.search(r"^C: MAIL FROM:<john@isp.example> SIZE=\d+ BODY=8BITMIME$", out, re.M), out
    mx.wait_delivered("dave", 1)
    rc, fout, got = fetch(mx, "dave", "--delete")
    assert rc == 0 and len(got) == 1, fout
    split_trace_headers(got[0], sent)


def test_bare_lf_and_no_final_line_end_arrive_as_crlf_lines(mx):
    sent = message("bare lf", ["dave@peers.test"]).replace(b"\r\n", b"\n") + b"last line without end"
    rc, out = send(mx.smtp, ["dave@peers.test"], sent)
    assert rc == 0, out
    mx.wait_delivered("dave", 1)
    rc, fout, got = fetch(mx, "dave", "--delete")
    assert rc == 0 and len(got) == 1, fout
    split_trace_headers(got[0], sent.replace(b"\n", b"\r\n") + b"\r\n")


def test_a_one_megabyte_message_in_many_reads(mx):
    """About 1 MB, every fourth line starting with a dot: the transfer takes
    many reads and writes on both sockets."""
    lines = [(b"." if i % 4 == 0 else b"") + b"line %06d " % i + b"x" * 60 + b"\r\n" for i in range(14000)]
    sent = message("big", ["dave@peers.test"], body=b"".join(lines))
    assert len(sent) > 1_000_000
    t0 = time.time()
    rc, out = send(mx.smtp, ["dave@peers.test"], sent)
    assert rc == 0, out[-2000:]
    assert f"SIZE={len(sent)}" in out
    mx.wait_delivered("dave", 1)
    rc, fout, got = fetch(mx, "dave", "--delete")
    assert rc == 0 and len(got) == 1, fout[-2000:]
    split_trace_headers(got[0], sent)
    assert time.time() - t0 < 20


def test_auth_plain_on_the_submission_port_with_dovecot_sasl(mx):
    sent = message("submitted", ["mary@peers.test"], sender="dave@peers.test")
    rc, out = send(mx.submission, ["mary@peers.test"], sent, "--auth", "dave", "dave-pass",
                   sender="dave@peers.test")
    assert rc == 0, out
    assert "C: AUTH PLAIN AGRhdmUAZGF2ZS1wYXNz" in out and "S: 235 2.7.0 Authentication successful" in out, out
    assert outcomes(out) == {"mary@peers.test": ("accepted", 250)}, out
    mx.wait_delivered("mary", 1)
    rc, fout, got = fetch(mx, "mary", "--delete")
    assert rc == 0 and len(got) == 1, fout
    split_trace_headers(got[0], sent)
    assert b"(Authenticated sender: dave)" in got[0]


def test_submission_refuses_a_wrong_password_and_no_auth(mx):
    sent = message("refused", ["mary@peers.test"], sender="dave@peers.test")
    rc, out = send(mx.submission, ["mary@peers.test"], sent, "--auth", "dave", "wrong",
                   sender="dave@peers.test")
    assert rc == 1, out
    assert outcomes(out) == {"mary@peers.test": ("permanent", 535)}, out
    assert "C: MAIL" not in out and "C: QUIT" in out, "after 535 the client quits politely"
    rc, out = send(mx.submission, ["mary@peers.test"], sent, sender="dave@peers.test")
    assert rc == 1, out
    (word, code), = outcomes(out).values()
    assert (word, code) == ("permanent", 554), out  # smtpd_client_restrictions: Client host rejected
    time.sleep(0.5)
    assert mx.maildir_count("mary") == 0


# ------------------------------------------------------------ POP3 client -> Dovecot

def test_uidl_leave_on_server_across_two_visits(mx):
    uids = Path(tempfile.mkdtemp()) / "uids"
    first = message("first", ["dave@peers.test"])
    assert send(mx.smtp, ["dave@peers.test"], first)[0] == 0
    mx.wait_delivered("dave", 1)
    rc, out, got = fetch(mx, "dave", "--uids", uids)
    assert rc == 0 and len(got) == 1, out
    split_trace_headers(got[0], first)
    assert "C: DELE" not in out
    known1 = uids.read_text().split()
    assert len(known1) == 1, out

    second = message("second", ["dave@peers.test"])
    assert send(mx.smtp, ["dave@peers.test"], second)[0] == 0
    mx.wait_delivered("dave", 2)
    rc, out, got = fetch(mx, "dave", "--uids", uids)
    assert rc == 0, out
    assert len(got) == 1, "the second visit downloads only the new message"
    split_trace_headers(got[0], second)
    assert re.findall(r"^C: RETR (\d+)$", out, re.M) == ["2"], out
    known2 = uids.read_text().split()
    assert len(known2) == 2 and set(known1) < set(known2)
    assert mx.maildir_count("dave") == 2, "both still on the server"

    # A third visit with --delete finds nothing new: nothing downloaded, nothing deleted.
    rc, out, got = fetch(mx, "dave", "--uids", uids, "--delete")
    assert rc == 0 and got == [] and "C: RETR" not in out and "C: DELE" not in out, out
    assert mx.maildir_count("dave") == 2
    # Forgetting the uids downloads and deletes both.
    rc, out, got = fetch(mx, "dave", "--delete")
    assert rc == 0 and len(got) == 2, out
    assert mx.maildir_count("dave") == 0


def test_apop_login_against_dovecot(mx):
    sent = message("apop", ["dave@peers.test"])
    assert send(mx.smtp, ["dave@peers.test"], sent)[0] == 0
    mx.wait_delivered("dave", 1)
    rc, out, got = fetch(mx, "dave", "--apop", "--delete")
    assert rc == 0 and len(got) == 1, out
    assert re.search(r"^S: \+OK .*<[^>]+>$", out, re.M), "Dovecot's greeting carries an APOP timestamp"
    assert re.search(r"^C: APOP dave [0-9a-f]{32}$", out, re.M) and "C: USER" not in out, out
    split_trace_headers(got[0], sent)


def test_pop3_wrong_password_is_an_error(mx):
    rc, out = peer("pop3-fetch", "--server", f"{HOST}:{mx.pop3}", "--user", "dave", "--pass", "nope")
    assert rc == 1, out
    assert "outcome: error: login failed" in out and "C: QUIT" in out, out


# ------------------------------------------------------------ Dovecot IMAP

def test_imap_shows_the_same_bytes_as_pop3(mx):
    """Dovecot's IMAP on the Maildir Postfix filled, read with Python's
    imaplib (our own IMAP client meets Dovecot in the tests below)."""
    sent = message("imap too", ["dave@peers.test"])
    assert send(mx.smtp, ["dave@peers.test"], sent)[0] == 0
    mx.wait_delivered("dave", 1)
    with imaplib.IMAP4(HOST, mx.imap, timeout=10) as imap:
        imap.login("dave", "dave-pass")
        imap.select("INBOX", readonly=True)
        typ, data = imap.fetch("1", "(BODY.PEEK[])")
        assert typ == "OK"
        over_imap = data[0][1]
        imap.logout()
    rc, out, got = fetch(mx, "dave", "--delete")
    assert rc == 0 and got == [over_imap], out
    split_trace_headers(over_imap, sent)


# ------------------------------------------------------------ IMAP client -> Dovecot

def imap_visit(servers, user, *extra):
    """One visit of our IMAP client; returns (status, transcript, [fetched messages])."""
    with tempfile.TemporaryDirectory() as d:
        rc, out = peer("imap-fetch", "--server", f"{HOST}:{servers.imap}", "--user", user,
                       "--pass", f"{user}-pass", "--save", d, *extra)
        files = sorted(Path(d).glob("*.eml"), key=lambda p: int(p.stem))
        return rc, out, [p.read_bytes() for p in files]


def imap_flags_and_count(servers, user, folder="INBOX"):
    """(message count, flags of message 1) in a folder, as imaplib sees it."""
    with imaplib.IMAP4(HOST, servers.imap, timeout=10) as imap:
        imap.login(user, f"{user}-pass")
        typ, data = imap.select(folder, readonly=True)
        assert typ == "OK", data
        count = int(data[0])
        flags = b""
        if count:
            typ, data = imap.fetch("1", "(FLAGS)")
            flags = data[0]
        imap.logout()
        return count, flags


def test_our_imap_client_peeks_without_setting_seen_then_knows_it_has_seen_it(mx):
    """BODY.PEEK[] from Dovecot: the same bytes imaplib gets, \\Seen left alone
    (RFC 9051 §6.4.5); a second visit that passes UIDVALIDITY:UID fetches nothing."""
    sent = message("imap peek", ["dave@peers.test"])
    assert send(mx.smtp, ["dave@peers.test"], sent)[0] == 0
    mx.wait_delivered("dave", 1)
    rc, out, got = imap_visit(mx, "dave", "--peek")
    assert rc == 0, out
    assert len(got) == 1, out
    split_trace_headers(got[0], sent)
    assert any(line.startswith("C: a") and "UID FETCH" in line and "BODY.PEEK[]" in line
               for line in out.splitlines()), out
    count, flags = imap_flags_and_count(mx, "dave")
    assert count == 1 and b"\\Seen" not in flags, flags
    seen = re.search(r"^outcome: seen (\d+:\d+)$", out, re.M)
    assert seen, out
    rc, out, got = imap_visit(mx, "dave", "--peek", "--seen", seen[1])
    assert rc == 0 and got == [], out
    assert "outcome: 0 message(s) fetched" in out


def test_our_imap_client_reads_then_moves_into_a_folder_it_creates(mx):
    """BODY[] sets \\Seen on the server (every device sees it read), then
    UID MOVE (RFC 6851) into a folder the client CREATEs: INBOX is empty and
    the folder holds the message, as imaplib sees it on Dovecot."""
    sent = message("imap move", ["dave@peers.test"])
    assert send(mx.smtp, ["dave@peers.test"], sent)[0] == 0
    mx.wait_delivered("dave", 1)
    folder = f"Archive{time.time_ns()}"
    rc, out, got = imap_visit(mx, "dave", "--move-to", folder)
    assert rc == 0 and len(got) == 1, out
    split_trace_headers(got[0], sent)
    assert f"CREATE {folder}" in out and "UID MOVE" in out, out
    assert imap_flags_and_count(mx, "dave")[0] == 0
    count, flags = imap_flags_and_count(mx, "dave", folder)
    assert count == 1 and b"\\Seen" in flags, flags


def test_our_imap_client_stops_on_a_wrong_password(mx):
    rc, out, got = imap_visit(mx, "dave-nobody", "--timeout", "10")
    assert rc == 1 and got == [], out
    assert re.search(r"^S: a1 NO", out, re.M), out


# ------------------------------------------------------------ the driver itself

def test_driver_honours_the_session_timeout():
    """A server that accepts and never greets: the client gives up after
    its timeout (poll_timeout / handle_timeout on a real clock)."""
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen(1)
    held = []
    threading.Thread(target=lambda: held.append(listener.accept()), daemon=True).start()
    t0 = time.time()
    rc, out = peer("smtp-send", "--server", f"{HOST}:{listener.getsockname()[1]}", "--from", "a@b.example",
                   "--to", f"c@{DOMAIN}", "--subject", "s", "--body", "b", "--timeout", "1")
    elapsed = time.time() - t0
    listener.close()
    assert rc == 1, out
    assert "!: no answer in time" in out
    assert outcomes(out) == {f"c@{DOMAIN}": ("transient", 421)}, out
    assert 0.9 < elapsed < 5, elapsed
