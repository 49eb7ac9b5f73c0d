"""Real mail clients against `mailsim serve` on loopback.

Each test checks what arrived (through POP3, or the client's own view),
not only exit codes. The server runs once per test module on free ports;
tests that need an empty mailbox empty it first through POP3 itself.

Clients: curl, swaks, Python's smtplib and poplib, fetchmail (Debian's
packages; scripts/setup.sh installs them).
"""

import os
import poplib
import smtplib
import socket
import subprocess
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from netutil import free_ports, free_udp_port, wait_listening

ROOT = Path(__file__).resolve().parents[2]
MAILSIM = Path(os.environ.get("MAILSIM_BIN", ROOT / "target" / "release" / "mailsim"))
HOST = "127.0.0.1"


class Serve:
    def __init__(self, extra=()):
        (self.smtp, self.submission, self.mx, self.pop3, self.isp_pop3, self.imap) = free_ports(6)
        self.dns = free_udp_port()
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [str(MAILSIM), "serve", "--smtp-port", str(self.smtp), "--submission-port", str(self.submission),
             "--mx-port", str(self.mx), "--pop3-port", str(self.pop3), "--isp-pop3-port", str(self.isp_pop3),
             "--imap-port", str(self.imap), "--dns-port", str(self.dns), *extra],
            stdout=self.log, stderr=subprocess.STDOUT)
        for p in (self.smtp, self.submission, self.mx, self.pop3, self.isp_pop3, self.imap):
            wait_listening(p)

    def output(self):
        return Path(self.log.name).read_text()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def serve():
    s = Serve()
    yield s
    s.stop()
    assert s.proc.returncode == 0, s.output()[-2000:]


def pop3_login(port, user, password):
    p = poplib.POP3(HOST, port, timeout=10)
    p.user(user)
    p.pass_(password)
    return p


def fetch_all(port, user="dave", password="dave-pass", delete=True):
    """Every message in the mailbox (as text), deleting them by default."""
    p = pop3_login(port, user, password)
    count, _ = p.stat()
    msgs = []
    for i in range(1, count + 1):
        msgs.append(b"\r\n".join(p.retr(i)[1]).decode("utf-8", "replace"))
        if delete:
            p.dele(i)
    p.quit()
    return msgs


def wait_for_mail(port, n=1, user="dave", password="dave-pass", timeout=2.0):
    """Waits (the issue's bound: 2 s) until the mailbox holds n messages, then takes them."""
    deadline = time.time() + timeout
    while True:
        p = pop3_login(port, user, password)
        count, _ = p.stat()
        p.quit()
        if count >= n or time.time() > deadline:
            break
        time.sleep(0.05)
    return fetch_all(port, user, password)


@pytest.fixture
def empty(serve):
    fetch_all(serve.pop3)
    fetch_all(serve.isp_pop3, "john", "john-pass")
    return serve


# ---------------------------------------------------------------- smtplib / poplib

def test_smtplib_submission_with_login_is_relayed_to_dave_within_2s(empty):
    m = EmailMessage()
    m["From"] = "john@isp.example"
    m["To"] = "dave@dave.example"
    m["Subject"] = "Lunch?"
    m.set_content("Hi Dave,\n.a line that starts with a dot\nJohn\n")
    with smtplib.SMTP(HOST, empty.submission, timeout=10) as s:
        code, caps = s.ehlo("john-pc.isp.example")
        assert code == 250 and b"AUTH PLAIN LOGIN" in caps and b"STARTTLS" not in caps
        s.login("john", "john-pass")
        assert s.send_message(m) == {}
        assert s.noop()[0] == 250
        assert s.verify("dave@dave.example")[0] in (250, 252)
    msgs = wait_for_mail(empty.pop3)
    assert len(msgs) == 1
    text = msgs[0]
    assert "Subject: Lunch?" in text
    assert "\r\n.a line that starts with a dot\r\n" in text, "dot-stuffing must be undone exactly"
    assert text.count("Received: ") == 2, "one Received line per SMTP hop (ISP, then Dave's server)"
    assert text.startswith("Return-Path: <john@isp.example>")


def test_smtplib_without_login_on_587_gets_530(empty):
    with smtplib.SMTP(HOST, empty.submission, timeout=10) as s:
        s.ehlo("john-pc")
        code, msg = s.mail("john@isp.example")
        assert code == 530, msg


def test_smtplib_wrong_password_gets_535(empty):
    with smtplib.SMTP(HOST, empty.submission, timeout=10) as s:
        s.ehlo("john-pc")
        with pytest.raises(smtplib.SMTPAuthenticationError) as e:
            s.login("john", "wrong")
        assert e.value.smtp_code == 535


def test_poplib_user_apop_stat_list_retr_top_uidl_dele_rset(empty):
    for subject in ("one", "two"):
        with smtplib.SMTP(HOST, empty.mx, timeout=10) as s:
            s.sendmail("someone@stranger.example", ["dave@dave.example"],
                       f"From: someone@stranger.example\r\nTo: dave@dave.example\r\nSubject: {subject}\r\n\r\nbody {subject}\r\nline 2\r\n")
    time.sleep(0.2)
    p = poplib.POP3(HOST, empty.pop3, timeout=10)
    assert p.getwelcome().startswith(b"+OK") and b"<" in p.getwelcome(), "greeting carries an APOP timestamp"
    p.apop("dave", "dave-pass")
    count, octets = p.stat()
    assert count == 2
    resp, listing, _ = p.list()
    sizes = [int(line.split()[1]) for line in listing]
    assert sum(sizes) == octets
    retr = b"\r\n".join(p.retr(2)[1])
    assert b"Subject: two" in retr and b"body two" in retr
    top = p.top(1, 1)[1]
    assert b"Subject: one" in b"\r\n".join(top) and b"line 2" not in b"\r\n".join(top)
    uids = p.uidl()[1]
    assert len(uids) == 2 and uids[0] != uids[1]
    p.dele(1)
    assert p.stat()[0] == 1
    with pytest.raises(poplib.error_proto):
        p.retr(1)  # deleted
    p.rset()
    assert p.stat()[0] == 2
    p.quit()
    # RSET undid the deletion: both are still there.
    assert len(fetch_all(empty.pop3)) == 2


def test_poplib_user_pass_and_dropped_connection_deletes_nothing(empty):
    with smtplib.SMTP(HOST, empty.mx, timeout=10) as s:
        s.sendmail("a@stranger.example", ["dave@dave.example"], "Subject: keep me\r\n\r\nx\r\n")
    time.sleep(0.2)
    p = pop3_login(empty.pop3, "dave", "dave-pass")
    p.dele(1)
    p.sock.shutdown(socket.SHUT_RDWR)  # no QUIT: RFC 1939 §6, no UPDATE state
    p.close()
    time.sleep(0.2)
    msgs = fetch_all(empty.pop3)
    assert len(msgs) == 1 and "Subject: keep me" in msgs[0]


# ---------------------------------------------------------------- curl

def test_curl_smtp_send_then_pop3_list_retrieve_and_dele(empty, tmp_path):
    mail = tmp_path / "mail.txt"
    mail.write_bytes(b"From: john@isp.example\r\nTo: dave@dave.example\r\nSubject: via curl\r\n\r\nHello from curl.\r\n")
    r = subprocess.run(["curl", "-sS", f"smtp://{HOST}:{empty.submission}", "--user", "john:john-pass",
                        "--mail-from", "john@isp.example", "--mail-rcpt", "dave@dave.example", "-T", str(mail)],
                       capture_output=True, timeout=20)
    assert r.returncode == 0, r.stderr
    time.sleep(0.5)
    base = f"pop3://dave:dave-pass@{HOST}:{empty.pop3}/"
    listing = subprocess.run(["curl", "-sS", base], capture_output=True, timeout=20)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.strip().startswith(b"1 "), listing.stdout
    one = subprocess.run(["curl", "-sS", base + "1"], capture_output=True, timeout=20)
    assert b"Subject: via curl" in one.stdout and b"Hello from curl." in one.stdout
    dele = subprocess.run(["curl", "-sS", "-X", "DELE", base + "1", "-l"], capture_output=True, timeout=20)
    assert dele.returncode == 0, dele.stderr
    assert fetch_all(empty.pop3) == []


# ---------------------------------------------------------------- swaks

def swaks(*args):
    return subprocess.run(["swaks", "--server", HOST, "--timeout", "10", *args], capture_output=True, text=True, timeout=30)


def test_swaks_plain_to_daves_mx(empty):
    r = swaks("--port", str(empty.mx), "--from", "someone@stranger.example", "--to", "dave@dave.example",
              "--header", "Subject: swaks plain")
    assert r.returncode == 0, r.stdout + r.stderr
    msgs = wait_for_mail(empty.pop3)
    assert len(msgs) == 1 and "Subject: swaks plain" in msgs[0]


def test_swaks_pipelining(empty):
    r = swaks("--port", str(empty.mx), "--pipeline", "--from", "someone@stranger.example",
              "--to", "dave@dave.example", "--header", "Subject: swaks pipelined")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "PIPELINING" in r.stdout
    msgs = wait_for_mail(empty.pop3)
    assert len(msgs) == 1 and "Subject: swaks pipelined" in msgs[0]


@pytest.mark.parametrize("mech", ["PLAIN", "LOGIN"])
def test_swaks_auth_on_submission(empty, mech):
    r = swaks("--port", str(empty.submission), "--auth", mech, "--auth-user", "john", "--auth-password", "john-pass",
              "--from", "john@isp.example", "--to", "dave@dave.example", "--header", f"Subject: auth {mech}")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "235 2.7.0" in r.stdout
    msgs = wait_for_mail(empty.pop3)
    assert len(msgs) == 1 and f"Subject: auth {mech}" in msgs[0]


@pytest.mark.parametrize("stage", ["CONNECT", "EHLO", "MAIL", "RCPT"])
def test_swaks_quit_after_stage_delivers_nothing(empty, stage):
    r = swaks("--port", str(empty.mx), "--quit-after", stage, "--from", "someone@stranger.example", "--to", "dave@dave.example")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "221 2.0.0" in r.stdout
    time.sleep(0.2)
    assert fetch_all(empty.pop3) == []


def test_swaks_open_relay_attempt_is_refused(empty):
    r = swaks("--port", str(empty.mx), "--from", "spam@stranger.example", "--to", "victim@elsewhere.example")
    assert r.returncode != 0
    assert "550 5.7.1" in r.stdout


# ---------------------------------------------------------------- fetchmail

def test_fetchmail_retrieves_daves_mail(empty, tmp_path):
    with smtplib.SMTP(HOST, empty.mx, timeout=10) as s:
        s.sendmail("a@stranger.example", ["dave@dave.example"], "Subject: for fetchmail\r\n\r\nfetch me\r\n")
    time.sleep(0.2)
    rc = tmp_path / "fetchmailrc"
    out = tmp_path / "delivered.txt"
    rc.write_text(f'poll {HOST} protocol POP3 port {empty.pop3} auth password\n'
                  f'  user "dave" password "dave-pass" is "root" here sslproto ""\n'
                  f'  mda "cat >> {out}"\n')
    rc.chmod(0o600)
    r = subprocess.run(["fetchmail", "-f", str(rc), "--nodetach", "--nosyslog", "--idfile", str(tmp_path / "ids")],
                       capture_output=True, text=True, timeout=60, env={**os.environ, "FETCHMAILUSER": "root"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Subject: for fetchmail" in out.read_text()
    assert fetch_all(empty.pop3) == [], "fetchmail deletes what it fetched by default"


# ---------------------------------------------------------------- robustness

def test_disconnect_in_the_middle_of_data_delivers_nothing(empty):
    s = socket.create_connection((HOST, empty.mx), timeout=10)
    f = s.makefile("rb")
    assert f.readline().startswith(b"220")
    for cmd, code in ((b"EHLO x\r\n", b"250 "), (b"MAIL FROM:<a@stranger.example>\r\n", b"250"), (b"RCPT TO:<dave@dave.example>\r\n", b"250"), (b"DATA\r\n", b"354")):
        s.sendall(cmd)
        while True:
            line = f.readline()
            if line[:4] in (code[:3] + b" ", code) or line.startswith(code):
                break
    s.sendall(b"Subject: half\r\n\r\nonly half of it\r\n")
    s.close()
    time.sleep(0.3)
    assert fetch_all(empty.pop3) == []


def test_a_megabyte_without_newline_gets_an_error_and_the_session_goes_on(empty):
    s = socket.create_connection((HOST, empty.mx), timeout=20)
    f = s.makefile("rb")
    assert f.readline().startswith(b"220")
    s.sendall(b"x" * (1 << 20) + b"\r\nNOOP\r\n")
    first = f.readline()
    assert first.startswith(b"500"), first
    assert f.readline().startswith(b"250"), "NOOP after the flood still works"
    s.sendall(b"QUIT\r\n")
    assert f.readline().startswith(b"221")
    s.close()


def test_many_concurrent_sessions(empty):
    import concurrent.futures as cf

    def one(i):
        with smtplib.SMTP(HOST, empty.mx, timeout=20) as s:
            s.sendmail("a@stranger.example", ["dave@dave.example"], f"Subject: n{i}\r\n\r\nx\r\n")
        return i

    with cf.ThreadPoolExecutor(max_workers=40) as ex:
        assert sorted(ex.map(one, range(40))) == list(range(40))
    msgs = wait_for_mail(empty.pop3, n=40, timeout=5)
    assert sorted(int(m.split("Subject: n")[1].split("\r\n")[0]) for m in msgs) == list(range(40))


@pytest.mark.parametrize("flood", ["noops-never-read", "no-newline"])
def test_a_flooding_client_is_throttled_and_stalls_nobody(flood):
    """A client pipelining NOOPs without reading a reply, or sending bytes
    without a line feed: the server stops reading it, TCP holds the rest
    back (unthrottled, loopback takes gigabytes here), memory stays small
    and other clients are served at once."""
    # Its own quiet server: a million NOOPs would fill the shared transcript.
    srv = Serve(extra=["--quiet"])
    try:
        hog = socket.create_connection((HOST, srv.mx), timeout=10)
        hog.setblocking(False)
        chunk = b"NOOP\r\n" * 10000 if flood == "noops-never-read" else b"x" * 65536
        sent, deadline = 0, time.time() + 1.5
        while time.time() < deadline:
            try:
                sent += hog.send(chunk)
            except BlockingIOError:
                time.sleep(0.01)
        assert sent < 64 << 20, f"{sent} bytes accepted from the flooding client"
        t = time.time()
        with smtplib.SMTP(HOST, srv.mx, timeout=10) as c:
            c.sendmail("a@stranger.example", ["dave@dave.example"], "Subject: meanwhile\r\n\r\nx\r\n")
        assert time.time() - t < 2, "another client waited for the flooding one"
        rss_kb = next(int(l.split()[1]) for l in open(f"/proc/{srv.proc.pid}/status") if l.startswith("VmRSS"))
        assert rss_kb < 256 << 10, f"server RSS {rss_kb} kB"
        hog.close()
        assert len(wait_for_mail(srv.pop3)) == 1
    finally:
        srv.stop()
    assert srv.proc.returncode == 0, srv.output()[-2000:]


def test_bounce_lands_in_johns_mailbox_on_isp_pop3(empty):
    with smtplib.SMTP(HOST, empty.submission, timeout=10) as s:
        s.login("john", "john-pass")
        s.sendmail("john@isp.example", ["nobody@dave.example"], "Subject: to nobody\r\n\r\nhello?\r\n")
    msgs = wait_for_mail(empty.isp_pop3, user="john", password="john-pass")
    assert len(msgs) == 1
    assert "multipart/report" in msgs[0] and "nobody@dave.example" in msgs[0]


def test_trace_is_printed_in_transcript_format(serve):
    out = serve.output()
    assert "Accounts" in out and "john@isp.example" in out
    assert "C: EHLO" in out and "S: 220 " in out


# ---------------------------------------------------------------- start-up errors

def test_port_in_use_is_a_clear_error_with_exit_code_2(serve):
    r = subprocess.run([str(MAILSIM), "serve", "--smtp-port", str(serve.smtp)], capture_output=True, text=True, timeout=10)
    assert r.returncode == 2
    assert "already in use" in r.stderr and "--smtp-port" in r.stderr


def test_non_loopback_bind_needs_a_flag(serve):
    r = subprocess.run([str(MAILSIM), "serve", "--bind", "0.0.0.0"], capture_output=True, text=True, timeout=10)
    assert r.returncode == 2
    assert "--allow-remote" in r.stderr
