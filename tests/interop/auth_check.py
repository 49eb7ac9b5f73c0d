"""Independent checks of MailSim's SPF and DKIM, run by
protocol-core/tests/auth_interop.rs (which gives this script its input).

Reads JSON on stdin:
  zones:  {"A": {name: [ip]}, "MX": {name: [[pref, host]]}, "TXT": {name: [text]}}
  spf:    [{"ip", "sender", "helo"}]           checked with pyspf (check2)
  verify: [base64 message]                     verified with dkimpy
  sign:   [{"message", "selector", "domain", "algorithm", "key", "canon"}]
          signed with dkimpy (the key as dkimpy reads it)
Writes JSON on stdout: {"spf": [result], "verify": [bool], "signed": [base64]}.

DNS is served from the zones: pyspf through spf.DNSLookup, dkimpy through
its dnsfunc argument. Names containing "timeout" get no answer.
"""

import base64
import json
import sys

import dkim
import spf

data = json.load(sys.stdin)
zones = data["zones"]


def norm(name):
    if isinstance(name, bytes):
        name = name.decode()
    return name.rstrip(".").lower()


def lookup(name, qtype, strict=True, timeout=None):
    n = norm(name)
    if "timeout" in n:
        raise spf.TempError("DNS timeout (simulated) for " + n)
    out = []
    if qtype == "A":
        out = [((n, "A"), ip) for ip in zones["A"].get(n, [])]
    elif qtype == "MX":
        out = [((n, "MX"), (pref, host)) for pref, host in zones["MX"].get(n, [])]
    elif qtype == "TXT":
        out = [((n, "TXT"), [t.encode()]) for t in zones["TXT"].get(n, [])]
    return out


spf.DNSLookup = lookup


def dnsfunc(name, timeout=5):
    recs = zones["TXT"].get(norm(name))
    return recs[0].encode() if recs else None


result = {"spf": [], "verify": [], "signed": []}
for case in data["spf"]:
    res, _explanation = spf.check2(i=case["ip"], s=case["sender"], h=case["helo"])
    result["spf"].append(res)
for m in data["verify"]:
    result["verify"].append(bool(dkim.verify(base64.b64decode(m), dnsfunc=dnsfunc)))
# Every DKIM-Signature of a message, top first (dkim.verify checks only the
# first): a list of results per message.
# DKIM.verify raises on a failed check where dkim.verify returns False.
def verify_one(d, i):
    try:
        return bool(d.verify(idx=i, dnsfunc=dnsfunc))
    except dkim.DKIMException:
        return False


result["verify_each"] = []
for m in data.get("verify_each", []):
    d = dkim.DKIM(base64.b64decode(m))
    n = sum(1 for name, _ in d.headers if name.lower() == b"dkim-signature")
    result["verify_each"].append([verify_one(d, i) for i in range(n)])
for s in data["sign"]:
    msg = base64.b64decode(s["message"])
    h, b = s["canon"].split("/")
    sig = dkim.sign(
        msg,
        s["selector"].encode(),
        s["domain"].encode(),
        s["key"].encode(),
        canonicalize=(h.encode(), b.encode()),
        signature_algorithm=s["algorithm"].encode(),
        include_headers=[b"from", b"to", b"subject", b"date"],
    )
    result["signed"].append(base64.b64encode(sig + msg).decode())
json.dump(result, sys.stdout)
