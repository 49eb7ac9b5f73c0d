"""Real DNS clients against `mailsim serve --dns-port` (issue 18).

`dig` (Debian's bind9-dnsutils) asks the simulated DNS; dkimpy verifies the
DKIM-Signature of John's mail as Dave's server stored it, with the key it
fetches from that DNS itself (dnspython pointed at the port); pyspf, also
pointed at it, agrees with the SPF result Dave's server recorded: for the
cast's records (pass, fail, none), and, with a scenario file that publishes
more TXT records (`[[dns]]`), for softfail, neutral and permerror (an include
loop, too many lookups, too many void lookups, a syntax error).

temperror too: the scenario breaks two names on purpose (`[[dns]] type =
"servfail"`), the UDP port answers them with RCODE 2 (SERVFAIL, RFC 1035
§4.1.1), and pyspf and Dave's server both give temperror (RFC 7208 §2.6.6),
for the domain's own record and for a name one of its mechanisms asks.
(A whole DNS server unreachable, a host or link down in the world, is still
not mirrored on the UDP port, which answers from the zones all the same.)

Without dig the dig tests are skipped, or fail under MAILSIM_REQUIRE_INTEROP=1
(scripts/test.sh sets it; scripts/setup.sh installs the tools).
"""

import os
import re
import shutil
import smtplib
import subprocess
import time
from email.message import EmailMessage

import pytest
from netutil import free_ports
from test_serve import HOST, MAILSIM, Serve


def need(tool):
    if shutil.which(tool):
        return
    if os.environ.get("MAILSIM_REQUIRE_INTEROP"):
        pytest.fail(f"{tool} is missing (scripts/setup.sh test installs it)")
    pytest.skip(f"{tool} is not installed")


def need_module(name):
    try:
        return __import__(name)
    except ImportError:
        if os.environ.get("MAILSIM_REQUIRE_INTEROP"):
            pytest.fail(f"Python module {name} is missing (scripts/setup.sh test installs it)")
        pytest.skip(f"Python module {name} is not installed")


@pytest.fixture(scope="module")
def serve():
    s = Serve()
    yield s
    s.stop()
    assert s.proc.returncode == 0, s.output()[-2000:]


def dig(serve, *args):
    out = subprocess.run(["dig", f"@{HOST}", "-p", str(serve.dns), "+time=2", "+tries=3", *args],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def resolver(serve):
    """A dnspython resolver that asks only the simulated DNS."""
    need_module("dns.resolver")
    import dns.resolver
    r = dns.resolver.Resolver(configure=False)
    r.nameservers = [HOST]
    r.port = serve.dns
    r.lifetime = 10
    return r


# ---------------------------------------------------------------- dig

def test_dig_mx_dave_example_answers_from_the_simulated_zone(serve):
    need("dig")
    out = dig(serve, "MX", "dave.example")
    assert "status: NOERROR" in out and "flags: qr aa" in out, out
    assert "dave.example.\t\t0\tIN\tMX\t10 mail.dave.example." in out, out
    assert dig(serve, "+short", "A", "mail.dave.example").split() == ["198.51.100.25"]
    assert dig(serve, "+short", "TXT", "isp.example").strip() == '"v=spf1 mx -all"'
    log = serve.output()
    assert "MX dave.example. -> MX 10 mail.dave.example" in log, log[-2000:]


def test_dig_sees_nxdomain_and_nodata_apart(serve):
    need("dig")
    nx = dig(serve, "A", "nosuch.dave.example")
    assert "status: NXDOMAIN" in nx, nx
    nodata = dig(serve, "A", "dave.example")
    assert "status: NOERROR" in nodata and "ANSWER: 0," in nodata, nodata


def test_dns_port_in_use_is_a_clear_error_with_exit_code_2(serve):
    ports = free_ports(6)
    flags = ["--smtp-port", "--submission-port", "--mx-port", "--pop3-port", "--isp-pop3-port", "--imap-port"]
    args = [a for f, p in zip(flags, ports) for a in (f, str(p))]
    r = subprocess.run([str(MAILSIM), "serve", *args, "--dns-port", str(serve.dns)],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "already in use" in r.stderr and "--dns-port" in r.stderr, r.stderr


# ---------------------------------------------------------------- dkimpy

def fetch_all(port, user="dave", password="dave-pass"):
    import poplib
    p = poplib.POP3(HOST, port, timeout=10)
    p.user(user)
    p.pass_(password)
    count, _ = p.stat()
    msgs = [b"\r\n".join(p.retr(i)[1]) + b"\r\n" for i in range(1, count + 1)]
    for i in range(1, count + 1):
        p.dele(i)
    p.quit()
    return msgs


def wait_for_mail(serve, n=1, timeout=5.0):
    deadline = time.time() + timeout
    while True:
        msgs = fetch_all(serve.pop3)
        if len(msgs) >= n or time.time() > deadline:
            return msgs
        time.sleep(0.1)


def test_dkimpy_verifies_johns_stored_mail_with_the_key_from_the_simulated_dns(serve):
    dkim = need_module("dkim")
    r = resolver(serve)
    fetch_all(serve.pop3)
    m = EmailMessage()
    m["From"] = "john@isp.example"
    m["To"] = "dave@dave.example"
    m["Subject"] = "Signed on the way"
    m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0000"
    m.set_content("Hi Dave,\nthe ISP signs this for me.\nJohn\n")
    with smtplib.SMTP(HOST, serve.submission, timeout=10) as s:
        s.ehlo("john-pc.isp.example")
        s.login("john", "john-pass")
        assert s.send_message(m) == {}
    msgs = wait_for_mail(serve)
    assert len(msgs) == 1, msgs
    stored = msgs[0]
    assert b"DKIM-Signature: v=1; a=ed25519-sha256;" in stored, stored
    assert b"\tdkim=pass header.d=isp.example header.s=mail" in stored, stored
    asked = []

    def dnsfunc(name, timeout=5):
        n = name.decode() if isinstance(name, bytes) else name
        asked.append(n)
        try:
            answer = r.resolve(n, "TXT")
        except Exception:
            return None
        return b"".join(b"".join(rr.strings) for rr in answer)

    assert dkim.verify(stored, dnsfunc=dnsfunc), "dkimpy rejects the signature"
    assert asked == ["mail._domainkey.isp.example."], asked
    assert "TXT mail._domainkey.isp.example. -> TXT \"v=DKIM1; k=ed25519;" in serve.output()
    # The same check fails once a byte of the body changes: dkimpy really
    # compared something.
    tampered = stored.replace(b"the ISP signs this", b"the ISP signs that")
    assert tampered != stored
    assert not dkim.verify(tampered, dnsfunc=dnsfunc)


# ---------------------------------------------------------------- pyspf

ISP_SERVER = "192.0.2.25"        # smtp.isp.example, the MX of isp.example
STRANGER = "203.0.113.66"        # the outside host of the MX port


@pytest.fixture
def spf_via_serve(serve):
    spf = need_module("spf")
    import dns.resolver
    old = dns.resolver.default_resolver
    dns.resolver.default_resolver = resolver(serve)
    yield spf
    dns.resolver.default_resolver = old


def test_pyspf_through_the_simulated_dns_passes_the_isp_and_fails_a_stranger(spf_via_serve):
    spf = spf_via_serve
    res, _ = spf.check2(i=ISP_SERVER, s="john@isp.example", h="smtp.isp.example")
    assert res == "pass"
    res, _ = spf.check2(i=STRANGER, s="john@isp.example", h="stranger.example")
    assert res == "fail"
    res, _ = spf.check2(i=STRANGER, s="someone@nosuch.example", h="stranger.example")
    assert res == "none"


def test_pyspf_agrees_with_the_spf_result_dave_s_server_recorded(serve, spf_via_serve):
    """The stranger (203.0.113.66, the MX port) sends with MAIL FROM
    john@isp.example but a From: of its own domain, so DMARC does not
    refuse it: Dave's server records spf=fail, and pyspf says fail too."""
    spf = spf_via_serve
    fetch_all(serve.pop3)
    with smtplib.SMTP(HOST, serve.mx, timeout=10) as s:
        s.ehlo("stranger.example")
        s.sendmail("john@isp.example", ["dave@dave.example"],
                   "From: someone@stranger.example\r\nTo: dave@dave.example\r\n"
                   "Subject: SPF\r\n\r\nhello\r\n")
    msgs = wait_for_mail(serve)
    assert len(msgs) == 1
    text = msgs[0].decode()
    ours = "fail" if "\tspf=fail smtp.mailfrom=john@isp.example" in text else text
    theirs, _ = spf.check2(i=STRANGER, s="john@isp.example", h="stranger.example")
    assert ours == theirs == "fail", text


# ------------------------------------- pyspf on the other results (a scenario)

# (MAIL FROM domain, its SPF record, the result both should give for the
# stranger, 203.0.113.66). Names in nx*.example do not exist.
TOOMANY = [f"h{i}.toomany.example" for i in range(1, 12)]
SPF_LAB = [
    ("pass.example", "v=spf1 ip4:203.0.113.0/24 -all", "pass"),
    ("fail.example", "v=spf1 ip4:192.0.2.0/24 -all", "fail"),
    ("softfail.example", "v=spf1 ip4:192.0.2.0/24 ~all", "softfail"),
    ("neutral.example", "v=spf1 ip4:192.0.2.0/24 ?all", "neutral"),
    # An include that does not pass does not match (RFC 7208 §5.2): ~all decides.
    ("include.example", "v=spf1 include:fail.example ~all", "softfail"),
    ("redirect.example", "v=spf1 redirect=neutral.example", "neutral"),
    ("loop.example", "v=spf1 include:loop.example -all", "permerror"),
    ("toomany.example", "v=spf1 " + " ".join(f"a:{n}" for n in TOOMANY) + " -all", "permerror"),
    ("void.example", "v=spf1 a:nx1.example a:nx2.example a:nx3.example -all", "permerror"),
    ("bad.example", "v=spf1 ip4:192.0.2.0/33 -all", "permerror"),
    # SERVFAIL (the names in SERVFAIL below): for the domain's own TXT
    # question, and for the address question of its `a:` mechanism.
    ("servfail.example", "v=spf1 +all", "temperror"),
    ("temperror.example", "v=spf1 a:broken.example -all", "temperror"),
]
# Names the simulated DNS server fails to answer for (RCODE 2).
SERVFAIL = ["servfail.example", "broken.example"]


def lab_scenario():
    out = ['name = "spf-lab"', 'title = "SPF results for pyspf"',
           'goal = "Publishes SPF records that give each result."', ""]
    for domain, txt, _ in SPF_LAB:
        out += ["[[dns]]", 'type = "txt"', f'name = "{domain}"', f'text = "{txt}"', ""]
    for i, n in enumerate(TOOMANY, 1):
        out += ["[[dns]]", 'type = "a"', f'name = "{n}"', f'ip = "198.51.100.{100 + i}"', ""]
    for n in SERVFAIL:
        out += ["[[dns]]", 'type = "servfail"', f'name = "{n}"', ""]
    return "\n".join(out)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    path = tmp_path_factory.mktemp("spf-lab") / "spf-lab.toml"
    path.write_text(lab_scenario())
    s = Serve(["--scenario", str(path)])
    yield s
    s.stop()
    assert s.proc.returncode == 0, s.output()[-2000:]


@pytest.fixture
def spf_via_lab(lab):
    spf = need_module("spf")
    import dns.resolver
    old = dns.resolver.default_resolver
    dns.resolver.default_resolver = resolver(lab)
    yield spf
    dns.resolver.default_resolver = old


def test_the_lab_scenario_publishes_its_records_on_the_dns_port(lab):
    need("dig")
    assert dig(lab, "+short", "TXT", "softfail.example").strip() == '"v=spf1 ip4:192.0.2.0/24 ~all"'
    assert dig(lab, "+short", "A", "h11.toomany.example").split() == ["198.51.100.111"]
    assert "status: NXDOMAIN" in dig(lab, "A", "nx1.example")
    assert "status: SERVFAIL" in dig(lab, "A", "broken.example")
    assert "status: SERVFAIL" in dig(lab, "TXT", "servfail.example")


@pytest.mark.parametrize("domain,txt,want", SPF_LAB, ids=[c[2] + ":" + c[0] for c in SPF_LAB])
def test_pyspf_and_dave_s_server_agree_through_the_simulated_dns(lab, spf_via_lab, domain, txt, want):
    """The stranger sends from the MX port with MAIL FROM someone@DOMAIN
    (and a From: of its own domain, which has no DMARC policy, so nothing
    is refused); Dave's server records its SPF result in
    Authentication-Results, and pyspf, asking the same DNS over UDP, must
    say the same."""
    spf = spf_via_lab
    fetch_all(lab.pop3)
    sender = f"someone@{domain}"
    with smtplib.SMTP(HOST, lab.mx, timeout=10) as s:
        s.ehlo("stranger.example")
        s.sendmail(sender, ["dave@dave.example"],
                   f"From: someone@stranger.example\r\nTo: dave@dave.example\r\n"
                   f"Subject: SPF {want}\r\n\r\nhello\r\n")
    msgs = wait_for_mail(lab)
    assert len(msgs) == 1, msgs
    text = msgs[0].decode()
    m = re.search(r"\bspf=([a-z]+)\b[^;]*smtp\.mailfrom=" + re.escape(sender), text)
    assert m, text
    ours = m.group(1)
    theirs, why = spf.check2(i=STRANGER, s=sender, h="stranger.example")
    assert (ours, theirs) == (want, want), f"ours {ours}, pyspf {theirs} ({why})\n{text}"


def test_the_forged_from_through_the_mx_port_is_refused_by_dmarc(serve):
    """Issue 18: the stranger on the MX port (as in the forged-from lesson)
    claims to be John in MAIL FROM and From:; SPF fails, there is no DKIM
    signature of isp.example, and isp.example publishes p=reject, so
    Dave's server refuses the message at the end of DATA with 550 5.7.1
    and stores nothing."""
    fetch_all(serve.pop3)
    with smtplib.SMTP(HOST, serve.mx, timeout=10) as s:
        s.ehlo("stranger.example")
        with pytest.raises(smtplib.SMTPDataError) as e:
            s.sendmail("john@isp.example", ["dave@dave.example"],
                       "From: John <john@isp.example>\r\nTo: dave@dave.example\r\n"
                       "Subject: Urgent: send me your password\r\n\r\nhello\r\n")
    assert e.value.smtp_code == 550 and e.value.smtp_error.startswith(b"5.7.1"), e.value
    assert wait_for_mail(serve, timeout=1.0) == []
