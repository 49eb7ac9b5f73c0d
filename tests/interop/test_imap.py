"""Real IMAP clients against `mailsim serve`'s IMAP port (mail.dave.example:143).

Python's imaplib (LOGIN, SELECT, SEARCH, FETCH with BODY.PEEK[] and BODY[],
STORE, EXPUNGE, APPEND, UID commands, IDLE by hand) and `curl imap://`. The
mailbox is the one POP3 serves: the tests check that too.
"""

import imaplib
import poplib
import smtplib
import socket
import subprocess
import time

import pytest

from test_serve import HOST, Serve, fetch_all


@pytest.fixture(scope="module")
def serve():
    s = Serve()
    yield s
    s.stop()
    assert s.proc.returncode == 0, s.output()[-2000:]


def send(serve, subject, body="hello"):
    with smtplib.SMTP(HOST, serve.mx, timeout=10) as s:
        s.sendmail("someone@stranger.example", ["dave@dave.example"],
                   f"From: someone@stranger.example\r\nTo: dave@dave.example\r\nSubject: {subject}\r\n\r\n{body}\r\n")


def wait_exists(serve, n, timeout=2.0):
    deadline = time.time() + timeout
    while True:
        m = imaplib.IMAP4(HOST, serve.imap, timeout=10)
        m.login("dave", "dave-pass")
        typ, data = m.select("INBOX", readonly=True)
        m.logout()
        if int(data[0]) >= n or time.time() > deadline:
            return int(data[0])
        time.sleep(0.05)


@pytest.fixture
def empty(serve):
    fetch_all(serve.pop3)
    return serve


def login(serve):
    m = imaplib.IMAP4(HOST, serve.imap, timeout=10)
    assert m.welcome.startswith(b"* OK [CAPABILITY IMAP4rev2")
    typ, _ = m.login("dave", "dave-pass")
    assert typ == "OK"
    return m


def test_imaplib_login_select_search_fetch_peek_and_seen(empty):
    send(empty, "one")
    send(empty, "two")
    assert wait_exists(empty, 2) == 2
    m = login(empty)
    typ, data = m.select("INBOX")
    assert typ == "OK" and data == [b"2"]
    typ, data = m.search(None, "UNSEEN")
    assert typ == "OK" and data[0].split() == [b"1", b"2"]
    typ, data = m.search(None, "SUBJECT", "two")
    assert data[0].split() == [b"2"]
    # BODY.PEEK[] leaves \Seen alone.
    typ, data = m.fetch("1", "(BODY.PEEK[])")
    assert typ == "OK" and b"Subject: one" in data[0][1]
    typ, data = m.fetch("1", "(FLAGS)")
    assert b"\\Seen" not in data[0]
    # BODY[] sets it (RFC 9051 §6.4.5), and says so.
    typ, data = m.fetch("2", "(BODY[])")
    assert b"Subject: two" in data[0][1]
    typ, data = m.search(None, "SEEN")
    assert data[0].split() == [b"2"]
    typ, data = m.fetch("1:2", "(UID RFC822.SIZE FLAGS)")
    assert typ == "OK" and len(data) == 2
    m.logout()


def test_imaplib_store_deleted_and_expunge_is_gone_for_pop3_too(empty):
    send(empty, "delete me")
    send(empty, "keep me")
    assert wait_exists(empty, 2) == 2
    m = login(empty)
    m.select("INBOX")
    typ, data = m.store("1", "+FLAGS", "(\\Deleted)")
    assert typ == "OK" and b"\\Deleted" in data[0]
    typ, data = m.expunge()
    assert typ == "OK" and data == [b"1"]
    typ, data = m.uid("SEARCH", None, "ALL")
    assert len(data[0].split()) == 1
    m.logout()
    p = poplib.POP3(HOST, empty.pop3, timeout=10)
    p.user("dave")
    p.pass_("dave-pass")
    count, _ = p.stat()
    top = b"\r\n".join(p.retr(1)[1])
    p.quit()
    assert count == 1 and b"Subject: keep me" in top


def test_pop3_lock_makes_imap_expunge_wait(empty):
    send(empty, "locked")
    assert wait_exists(empty, 1) == 1
    p = poplib.POP3(HOST, empty.pop3, timeout=10)
    p.user("dave")
    p.pass_("dave-pass")
    try:
        m = login(empty)
        m.select("INBOX")
        m.store("1", "+FLAGS", "(\\Deleted)")
        typ, data = m.expunge()
        assert typ == "NO" and b"[INUSE]" in data[0], (typ, data)
    finally:
        p.quit()
    typ, data = m.expunge()
    assert typ == "OK" and data == [b"1"]
    m.logout()


def test_imaplib_append_to_sent_and_list(empty):
    m = login(empty)
    msg = b"From: dave@dave.example\r\nTo: john@isp.example\r\nSubject: Re: Lunch\r\n\r\nFriday is fine.\r\n"
    typ, data = m.append("Sent", "(\\Seen)", None, msg)
    assert typ == "OK" and b"APPENDUID" in data[0]
    typ, data = m.list()
    names = b" ".join(data)
    assert b"INBOX" in names and b"\\Sent" in names and b"\\Trash" in names
    typ, data = m.select("Sent")
    n = int(data[0])
    typ, data = m.fetch(str(n), "(BODY.PEEK[])")
    assert data[0][1] == msg
    m.logout()


def test_idle_hears_new_mail_at_once(empty):
    m = login(empty)
    m.select("INBOX")
    tag = m._new_tag().decode()
    m.send(f"{tag} IDLE\r\n".encode())
    assert m.readline().startswith(b"+ ")
    t0 = time.time()
    send(empty, "pushed")
    m.sock.settimeout(2.0)
    line = m.readline()
    assert line.endswith(b" EXISTS\r\n"), line
    assert time.time() - t0 < 2.0
    m.send(b"DONE\r\n")
    assert m.readline().startswith(f"{tag} OK".encode())
    m.logout()


def test_curl_imap_lists_and_fetches(empty):
    send(empty, "for curl", "curl body")
    assert wait_exists(empty, 1) == 1
    url = f"imap://{HOST}:{empty.imap}"
    r = subprocess.run(["curl", "-sS", "--max-time", "10", "-u", "dave:dave-pass", f"{url}/"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "INBOX" in r.stdout and "Sent" in r.stdout
    # Earlier tests removed the first UIDs: take the one that is there.
    m = login(empty)
    m.select("INBOX", readonly=True)
    uid = m.uid("SEARCH", None, "SUBJECT", '"for curl"')[1][0].split()[0].decode()
    m.logout()
    r = subprocess.run(["curl", "-sS", "--max-time", "10", "-u", "dave:dave-pass", f"{url}/INBOX;UID={uid}"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Subject: for curl" in r.stdout and "curl body" in r.stdout
    r = subprocess.run(["curl", "-sS", "--max-time", "10", "-u", "dave:wrong", f"{url}/"],
                       capture_output=True, text=True)
    assert r.returncode != 0


def test_fetchmail_over_imap_fetches_and_expunges(empty, tmp_path):
    """Debian's fetchmail with `protocol IMAP`: its own LOGIN, SELECT, FETCH
    and STORE \\Deleted + EXPUNGE against our server; the message reaches its
    MDA byte for byte, and afterwards the maildrop is empty for POP3 too."""
    import os
    send(empty, "for fetchmail over imap", "fetched over IMAP")
    assert wait_exists(empty, 1) == 1
    rc = tmp_path / "fetchmailrc"
    out = tmp_path / "delivered.txt"
    rc.write_text(f'poll {HOST} protocol IMAP port {empty.imap} auth password\n'
                  f'  user "dave" password "dave-pass" is "root" here sslproto ""\n'
                  f'  mda "cat >> {out}"\n')
    rc.chmod(0o600)
    r = subprocess.run(["fetchmail", "-f", str(rc), "--nodetach", "--nosyslog", "-v"],
                       capture_output=True, text=True, timeout=60, env={**os.environ, "FETCHMAILUSER": "root"})
    assert r.returncode == 0, r.stdout + r.stderr
    text = out.read_text()
    assert "Subject: for fetchmail over imap" in text and "fetched over IMAP" in text
    assert "EXPUNGE" in r.stdout + r.stderr, "fetchmail -v shows its IMAP commands"
    assert wait_exists(empty, 0, timeout=0) == 0
    assert fetch_all(empty.pop3) == []


def mbsync(rc):
    r = subprocess.run(["mbsync", "-c", str(rc), "-V", "sim"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout + r.stderr


def test_mbsync_syncs_the_mailbox_both_ways(empty, tmp_path):
    """Debian's isync (mbsync), a full two-way IMAP synchroniser, against our
    server: it copies the INBOX into a local Maildir (UID FETCH of BODY.PEEK[];
    the Maildir files have the local LF line ends), then carries the local changes back: a message read
    locally gets \\Seen on the server, a message trashed locally is
    STOREd \\Deleted and EXPUNGEd there, and so is gone for POP3 too."""
    send(empty, "first for mbsync", "kept and read")
    send(empty, "second for mbsync", "thrown away")
    assert wait_exists(empty, 2) == 2
    maildir = tmp_path / "mail"
    maildir.mkdir()
    rc = tmp_path / "mbsyncrc"
    rc.write_text(
        "IMAPAccount sim\n"
        f"Host {HOST}\nPort {empty.imap}\nUser dave\nPass dave-pass\n"
        # No TLS: the simulator shows every line (README); LOGIN over plain TCP.
        "SSLType None\nAuthMechs LOGIN\n\n"
        "IMAPStore sim-remote\nAccount sim\n\n"
        f"MaildirStore sim-local\nPath {maildir}/\nInbox {maildir}/INBOX\n\n"
        "Channel sim\nFar :sim-remote:\nNear :sim-local:\nPatterns INBOX\n"
        "Create Near\nExpunge Both\nSyncState *\n")
    first = mbsync(rc)
    new = sorted((maildir / "INBOX" / "new").iterdir())
    texts = {p: p.read_bytes() for p in new}
    assert len(texts) == 2, first
    by_subject = {}
    for p, t in texts.items():
        subject = next(l.rstrip(b"\r") for l in t.split(b"\n") if l.startswith(b"Subject: "))
        by_subject[subject[len(b"Subject: "):].decode()] = p
    assert set(by_subject) == {"first for mbsync", "second for mbsync"}
    assert b"kept and read" in texts[by_subject["first for mbsync"]]
    # mbsync fetched with PEEK: nothing is \Seen on the server yet.
    m = login(empty)
    m.select("INBOX")
    typ, data = m.search(None, "UNSEEN")
    assert data[0].split() == [b"1", b"2"]
    m.logout()

    # A mail program reads the first (Maildir flag S) and trashes the second (T).
    cur = maildir / "INBOX" / "cur"
    read = by_subject["first for mbsync"]
    read.rename(cur / (read.name + ":2,S"))
    trashed = by_subject["second for mbsync"]
    trashed.rename(cur / (trashed.name + ":2,T"))
    mbsync(rc)

    m = login(empty)
    typ, data = m.select("INBOX")
    assert int(data[0]) == 1, "the trashed message was expunged on the server"
    typ, data = m.fetch("1", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    assert b"\\Seen" in data[0][0] and b"first for mbsync" in data[0][1]
    m.logout()
    left = fetch_all(empty.pop3)
    assert len(left) == 1 and "first for mbsync" in left[0]
