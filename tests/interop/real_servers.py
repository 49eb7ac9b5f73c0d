"""Debian's Postfix and Dovecot, started on free loopback ports in a temp dir.

Used by test_real_peers.py (our own SMTP and POP3 clients against them).
Nothing here touches the system's instances: Postfix runs with its own
config directory (`postfix -c DIR`), queue and data directories, Dovecot
with its own dovecot.conf, base_dir and state_dir. Both run as root (they
drop privileges themselves), as the CI does.

    Postfix  smtpd on 127.0.0.1:SMTP      mynetworks 127.0.0.0/8, no AUTH
             smtpd on 127.0.0.1:SUBMISSION AUTH PLAIN required (Dovecot SASL)
             mydestination = peers.test, alias_maps = texthash:aliases:
             dave@ and mary@peers.test are delivered by local(8) into
             MAIL/dave/Maildir/ and MAIL/mary/Maildir/ (as nobody)
    Dovecot  POP3 on 127.0.0.1:POP3, IMAP on 127.0.0.1:IMAP, SASL for
             Postfix on 127.0.0.1:AUTH; users dave/dave-pass and
             mary/mary-pass in a passwd-file, mail_location the Maildirs
             above, uid/gid nobody/nogroup
"""

import os
import pwd
import grp
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from netutil import free_ports, wait_listening

HOST = "127.0.0.1"
DOMAIN = "peers.test"
USERS = {"dave": "dave-pass", "mary": "mary-pass"}


def alive(pid):
    """Whether the process runs (a zombie no longer does)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def missing():
    """Why the servers cannot run here, or None."""
    for tool in ("/usr/sbin/postfix", "/usr/sbin/postconf", "/usr/sbin/dovecot"):
        if not os.path.exists(tool):
            return f"{tool} is missing: scripts/setup.sh test installs Debian's postfix, dovecot-pop3d, dovecot-imapd"
    if not os.path.exists("/usr/lib/dovecot/pop3"):
        return "Dovecot's POP3 server is missing (Debian package dovecot-pop3d)"
    if os.geteuid() != 0:
        return "Postfix and Dovecot are started as root (they drop privileges themselves); run the tests as root"
    return None


# Debian's master.cf.dist without the pipe examples; no daemon in a chroot
# (the queue is ours, not /var/spool/postfix); smtpd only on our two
# loopback ports, the second requiring AUTH (Dovecot's SASL).
MASTER_CF = """\
{host}:{smtp} inet n - n - - smtpd
{host}:{submission} inet n - n - - smtpd
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=no
  -o smtpd_sasl_authenticated_header=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


class RealServers:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="peers-"))
        # Postfix's daemons (user postfix) and the deliveries (user nobody)
        # must be able to walk into it; mkdtemp makes it 0700.
        os.chmod(self.dir, 0o755)
        (self.smtp, self.submission, self.pop3, self.imap, self.auth) = free_ports(5)
        self.nobody = pwd.getpwnam("nobody").pw_uid
        self.nogroup = grp.getgrnam("nogroup").gr_gid
        self.mail = self.dir / "mail"
        for user in USERS:
            md = self.mail / user / "Maildir"
            for sub in ("cur", "new", "tmp"):
                (md / sub).mkdir(parents=True)
        for root, dirs, _ in os.walk(self.mail):
            os.chown(root, self.nobody, self.nogroup)
        self.postfix_started = False
        self.dovecot = None
        try:
            self._start_dovecot()
            self._start_postfix()
        except Exception:
            self.stop()
            raise

    # ------------------------------------------------------------ Dovecot
    def _start_dovecot(self):
        d = self.dir / "dovecot"
        (d / "run").mkdir(parents=True)
        (d / "state").mkdir()
        passwd = d / "passwd"
        passwd.write_text("".join(
            f"{u}:{{PLAIN}}{p}:{self.nobody}:{self.nogroup}::{self.mail / u}::"
            f"userdb_mail=maildir:{self.mail / u}/Maildir\n" for u, p in USERS.items()))
        os.chown(passwd, 0, grp.getgrnam("dovecot").gr_gid)  # read by the auth process (user dovecot)
        os.chmod(passwd, 0o640)
        self.dovecot_log = d / "dovecot.log"
        conf = d / "dovecot.conf"
        conf.write_text(f"""\
# Written by tests/interop/real_servers.py: a private instance.
instance_name = peers-test-{self.pop3}
base_dir = {d}/run
state_dir = {d}/state
log_path = {self.dovecot_log}
protocols = pop3 imap
listen = {HOST}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login apop
first_valid_uid = 1
# The tests log in with wrong passwords on purpose: no 2 s failure delay,
# and no auth penalty slowing every later login from 127.0.0.1 (Dovecot's
# documented switch: an anvil-auth-penalty socket nobody may open).
auth_failure_delay = 0
mail_privileged_group =
pop3_uidl_format = %08Xu%08Xv
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {passwd}
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {passwd}
}}
service pop3-login {{
  inet_listener pop3 {{
    address = {HOST}
    port = {self.pop3}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {self.imap}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service auth {{
  inet_listener {{
    address = {HOST}
    port = {self.auth}
  }}
}}
""")
        self.dovecot_conf = conf
        self.dovecot = subprocess.Popen(
            ["/usr/sbin/dovecot", "-F", "-c", str(conf)],
            stdout=open(d / "stdout.log", "w"), stderr=subprocess.STDOUT)
        for p in (self.pop3, self.imap, self.auth):
            try:
                wait_listening(p, timeout=15.0)
            except RuntimeError:
                raise RuntimeError(f"Dovecot did not start:\n{self.logs()}")

    # ------------------------------------------------------------ Postfix
    def _postconf(self, *args):
        subprocess.run(["/usr/sbin/postconf", "-c", str(self.pf), *args], check=True,
                       capture_output=True, text=True)

    def _postfix(self, command):
        # postfix(1) prints its errors only to a terminal (else to syslog,
        # which a container may not have): run it under script(1).
        run = subprocess.run(["script", "-qec", f"/usr/sbin/postfix -c {self.pf} {command}", "/dev/null"],
                             capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if run.returncode != 0:
            raise RuntimeError(f"postfix {command} failed:\n{run.stdout}{run.stderr}\n{self.logs()}")

    def _start_postfix(self):
        self.pf = self.dir / "postfix"
        self.pf.mkdir()
        # Postfix's defaults (postconf -d) plus the settings below; Debian's
        # main.cf.dist is a template with empty required values, not a config.
        (self.pf / "main.cf").write_text("")
        (self.pf / "master.cf").write_text(MASTER_CF.format(
            host=HOST, smtp=self.smtp, submission=self.submission))
        (self.dir / "spool").mkdir()
        (self.dir / "data").mkdir()
        os.chown(self.dir / "data", pwd.getpwnam("postfix").pw_uid, grp.getgrnam("postfix").gr_gid)
        aliases = self.pf / "aliases"
        aliases.write_text("".join(f"{u} {self.mail / u}/Maildir/\n" for u in USERS)
                           + "postmaster dave\n")
        self.maillog = self.dir / "postfix.log"
        self._postconf(
            "-e",
            "compatibility_level = 3.6",
            f"queue_directory = {self.dir}/spool",
            f"data_directory = {self.dir}/data",
            "mail_owner = postfix",
            "setgid_group = postdrop",
            f"maillog_file_prefixes = {self.dir}",
            f"maillog_file = {self.maillog}",
            "myhostname = mx.peers.test",
            f"mydomain = {DOMAIN}",
            "myorigin = $mydomain",
            f"mydestination = {DOMAIN}",
            "inet_interfaces = loopback-only",
            "inet_protocols = ipv4",
            "mynetworks = 127.0.0.0/8",
            "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination",
            f"alias_maps = texthash:{aliases}",
            "alias_database =",
            "local_recipient_maps = $alias_maps",
            "local_header_rewrite_clients =",
            "relayhost =",
            "smtpd_banner = $myhostname ESMTP Postfix (MailSim interop)",
            "biff = no",
            "smtputf8_enable = no",
            "smtpd_tls_security_level =",
            "smtp_tls_security_level =",
            "smtpd_sasl_type = dovecot",
            f"smtpd_sasl_path = inet:{HOST}:{self.auth}",
            # The tests fetch as soon as Postfix says 250: deliver at once.
            "queue_run_delay = 1s",
            "delay_warning_time = 0",
        )
        self._postfix("check")
        self._postfix("start")
        self.postfix_started = True
        for p in (self.smtp, self.submission):
            try:
                wait_listening(p, timeout=15.0)
            except RuntimeError:
                raise RuntimeError(f"Postfix did not start:\n{self.logs()}")

    # ------------------------------------------------------------ helpers
    def maildir_count(self, user):
        md = self.mail / user / "Maildir"
        return sum(1 for sub in ("new", "cur") for f in (md / sub).iterdir() if not f.name.startswith("."))

    def wait_delivered(self, user, n, timeout=20.0):
        """Waits until the user's Maildir holds at least n messages."""
        deadline = time.time() + timeout
        while self.maildir_count(user) < n:
            if time.time() > deadline:
                raise AssertionError(f"{user}: {self.maildir_count(user)} of {n} message(s) delivered "
                                     f"after {timeout} s\n{self.logs()}")
            time.sleep(0.05)

    def empty(self, user):
        md = self.mail / user / "Maildir"
        for sub in ("new", "cur"):
            for f in (md / sub).iterdir():
                f.unlink()

    def logs(self):
        out = []
        for name, path in (("postfix", getattr(self, "maillog", None)),
                           ("dovecot", getattr(self, "dovecot_log", None))):
            if path and path.exists():
                out.append(f"--- {name} log (last 3000 chars)\n{path.read_text()[-3000:]}")
        return "\n".join(out)

    def stop(self):
        if self.postfix_started:
            try:
                self._postfix("stop")
            except RuntimeError:
                pass
            # postfix stop returns before master has gone; its pid file stays.
            pid_file = self.dir / "spool" / "pid" / "master.pid"
            try:
                pid = int(pid_file.read_text().split()[0])
            except (OSError, ValueError, IndexError):
                pid = None
            deadline = time.time() + 10
            while pid and alive(pid) and time.time() < deadline:
                time.sleep(0.05)
            self.postfix_started = False
        if self.dovecot is not None:
            self.dovecot.terminate()
            try:
                self.dovecot.wait(10)
            except subprocess.TimeoutExpired:
                self.dovecot.kill()
                self.dovecot.wait()
            self.dovecot = None
        if not os.environ.get("MAILSIM_KEEP_PEERS"):
            shutil.rmtree(self.dir, ignore_errors=True)
