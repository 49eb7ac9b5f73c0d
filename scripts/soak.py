#!/usr/bin/env python3
"""Soak test of `mailsim serve` (issue 16), driven by scripts/soak.sh.

Well-behaved and hostile clients, mixed, for a bounded time:
  senders        SMTP to Dave's MX port, each message with a unique Subject
  collector      POP3 on Dave's port: downloads, checks and deletes them
  pipelined      POP3 on John's port: 30 pipelined RETR of a 200 KB message
  half-close     POP3 USER/PASS/RETR/QUIT then shutdown(SHUT_WR), reads to EOF
  never-reading  POP3 RETR x 50, never reads, lets go after a while
  churn          connects and closes at once
  slowloris      one byte a second
  mid-DATA       SMTP DATA, half a body, then the connection drops
  probe          SMTP greeting + NOOP + QUIT every second: its latency

Prints messages accepted (250 after DATA), delivered (downloaded by the
collector), lost (accepted and never downloaded: must be 0), duplicates,
half-close checks, mid-DATA messages that were delivered (must be 0), RSS of
the server over time, and the probe's latency (median, p99, max).
Exit code 1 if anything was lost.
"""
import os, random, socket, statistics, subprocess, sys, threading, time

DURATION = float(sys.argv[1]) if len(sys.argv) > 1 else 600.0
BIN = sys.argv[2] if len(sys.argv) > 2 else "target/release/mailsim"
BASE = random.randint(20000, 40000)
PORTS = dict(smtp=BASE, submission=BASE + 1, mx=BASE + 2, pop3=BASE + 3, isp_pop3=BASE + 4)

lock = threading.Lock()
stats = dict(accepted=set(), delivered=[], mid_data_sent=set(), half_close_ok=0, half_close_bad=0,
             pipelined_ok=0, pipelined_bad=0, locked=0, churn=0, slowloris=0, never_reading=0, errors=0)
probe = []
rss = []
stop = threading.Event()


def conn(port, timeout=30):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return s, s.makefile("rb")


def expect(f, prefix):
    line = f.readline()
    if not line.startswith(prefix):
        raise RuntimeError(f"wanted {prefix!r}, got {line!r}")
    return line


def smtp_send(port, rcpt, subject, body_lines=5, cut=False):
    s, f = conn(port)
    try:
        expect(f, b"220")
        s.sendall(b"HELO soak.example\r\n"); expect(f, b"250")
        s.sendall(b"MAIL FROM:<soak@stranger.example>\r\n"); expect(f, b"250")
        s.sendall(f"RCPT TO:<{rcpt}>\r\n".encode()); expect(f, b"250")
        s.sendall(b"DATA\r\n"); expect(f, b"354")
        body = f"Subject: {subject}\r\n\r\n".encode() + b"".join(b"line %d of the soak message\r\n" % i for i in range(body_lines))
        if cut:
            s.sendall(body[: len(body) // 2])
            return False
        s.sendall(body + b".\r\n")
        ok = f.readline().startswith(b"250")
        s.sendall(b"QUIT\r\n")
        f.readline()
        return ok
    finally:
        s.close()


def sender(i):
    n = 0
    while not stop.is_set():
        n += 1
        subject = f"soak-{i}-{n}"
        try:
            if smtp_send(PORTS["mx"], "dave@dave.example", subject):
                with lock:
                    stats["accepted"].add(subject)
        except Exception:
            with lock:
                stats["errors"] += 1
        time.sleep(random.uniform(0.05, 0.3))


def collect_once():
    s, f = conn(PORTS["pop3"], timeout=60)
    try:
        expect(f, b"+OK")
        s.sendall(b"USER dave\r\nPASS dave-pass\r\n")
        expect(f, b"+OK")
        if not f.readline().startswith(b"+OK"):
            return  # locked: try later
        s.sendall(b"STAT\r\n")
        count = int(expect(f, b"+OK").split()[1])
        for k in range(1, count + 1):
            s.sendall(b"RETR %d\r\n" % k)
            expect(f, b"+OK")
            subject = None
            while True:
                line = f.readline()
                if line in (b".\r\n", b""):
                    break
                if line.startswith(b"Subject: "):
                    subject = line[9:].strip().decode()
            s.sendall(b"DELE %d\r\n" % k)
            expect(f, b"+OK")
            with lock:
                stats["delivered"].append(subject)
        s.sendall(b"QUIT\r\n")
        expect(f, b"+OK")
    finally:
        s.close()


def collector():
    while not stop.is_set():
        try:
            collect_once()
        except Exception:
            with lock:
                stats["errors"] += 1
        time.sleep(1)


def prefill_john():
    # A 200 KB message in John's maildrop, for the hostile POP3 clients.
    s, f = conn(PORTS["smtp"])
    expect(f, b"220")
    s.sendall(b"HELO john-pc\r\nMAIL FROM:<john@isp.example>\r\nRCPT TO:<john@isp.example>\r\nDATA\r\n")
    for p in (b"250", b"250", b"250", b"354"):
        expect(f, p)
    s.sendall(b"Subject: big\r\n\r\n" + (b"y" * 98 + b"\r\n") * 2000 + b".\r\nQUIT\r\n")
    expect(f, b"250")
    s.close()


def pop3_john(cmds, read=True, half_close=False, hold=0):
    s, f = conn(PORTS["isp_pop3"])
    try:
        s.sendall(b"USER john\r\nPASS john-pass\r\n" + cmds)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        if not read:
            time.sleep(hold)
            return b""
        data = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            data += b
        return data
    finally:
        s.close()


def hostile():
    kinds = ["pipelined", "half_close", "never_reading", "churn", "slowloris", "mid_data"]
    while not stop.is_set():
        kind = random.choice(kinds)
        try:
            if kind == "pipelined":
                d = pop3_john(b"RETR 1\r\n" * 30 + b"QUIT\r\n")
                ok = d.count(b"\r\n.\r\n") == 30 and b"signing off" in d[-300:]
                with lock:
                    stats["locked" if b"[IN-USE]" in d else "pipelined_ok" if ok else "pipelined_bad"] += 1
            elif kind == "half_close":
                d = pop3_john(b"RETR 1\r\nQUIT\r\n", half_close=True)
                ok = d.count(b"\r\n.\r\n") == 1 and b"signing off" in d[-200:]
                with lock:
                    stats["locked" if b"[IN-USE]" in d else "half_close_ok" if ok else "half_close_bad"] += 1
                    if not ok and b"[IN-USE]" not in d:
                        stats.setdefault("half_close_samples", []).append(d[:120] + b" ... " + d[-120:])
            elif kind == "never_reading":
                pop3_john(b"RETR 1\r\n" * 50, read=False, hold=random.uniform(1, 5))
                with lock:
                    stats["never_reading"] += 1
            elif kind == "churn":
                for _ in range(20):
                    s = socket.create_connection(("127.0.0.1", random.choice([PORTS["mx"], PORTS["pop3"]])))
                    s.close()
                with lock:
                    stats["churn"] += 20
            elif kind == "slowloris":
                s = socket.create_connection(("127.0.0.1", PORTS["mx"]))
                for ch in b"NOOP NOOP NOOP":
                    if stop.is_set():
                        break
                    s.send(bytes([ch]))
                    time.sleep(1)
                s.close()
                with lock:
                    stats["slowloris"] += 1
            elif kind == "mid_data":
                subject = f"cut-{random.getrandbits(48)}"
                smtp_send(PORTS["mx"], "dave@dave.example", subject, body_lines=50, cut=True)
                with lock:
                    stats["mid_data_sent"].add(subject)
        except Exception:
            with lock:
                stats["errors"] += 1


def prober():
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            s, f = conn(PORTS["smtp"], timeout=10)
            expect(f, b"220")
            s.sendall(b"NOOP\r\n"); expect(f, b"250")
            s.sendall(b"QUIT\r\n"); f.readline()
            s.close()
            probe.append(time.monotonic() - t0)
        except Exception:
            probe.append(float("inf"))
        time.sleep(1)


def vmrss(pid):
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    args = [BIN, "serve", "--quiet", "--smtp-port", str(PORTS["smtp"]), "--submission-port", str(PORTS["submission"]),
            "--mx-port", str(PORTS["mx"]), "--pop3-port", str(PORTS["pop3"]), "--isp-pop3-port", str(PORTS["isp_pop3"])]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", PORTS["smtp"])).close()
                break
            except OSError:
                time.sleep(0.1)
        prefill_john()
        threads = [threading.Thread(target=sender, args=(i,)) for i in range(4)]
        threads += [threading.Thread(target=collector), threading.Thread(target=prober)]
        threads += [threading.Thread(target=hostile) for _ in range(6)]
        for t in threads:
            t.daemon = True
            t.start()
        start = time.monotonic()
        next_rss = 0.0
        while time.monotonic() - start < DURATION:
            if time.monotonic() - start >= next_rss:
                rss.append((round(time.monotonic() - start), vmrss(server.pid)))
                next_rss += max(DURATION / 12, 5)
            if server.poll() is not None:
                print(f"soak: the server exited with {server.returncode}")
                break
            time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(timeout=90)
        rss.append((round(time.monotonic() - start), vmrss(server.pid) if server.poll() is None else 0))
        time.sleep(1)
        for _ in range(5):  # what is left: never-reading clients may hold nothing of Dave's
            try:
                collect_once()
                break
            except Exception:
                time.sleep(2)
        alive = server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)

    delivered = stats["delivered"]
    dset = set(delivered)
    lost = stats["accepted"] - dset
    dups = len(delivered) - len(dset)
    cut_delivered = stats["mid_data_sent"] & dset
    finite = sorted(p for p in probe if p != float("inf"))
    print(f"soak: {DURATION:.0f} s against {' '.join(args[:2])}")
    print(f"  messages accepted:   {len(stats['accepted'])}")
    print(f"  messages delivered:  {len(dset & stats['accepted'])}")
    print(f"  messages lost:       {len(lost)}{'  ' + ', '.join(sorted(lost)[:5]) if lost else ''}")
    print(f"  duplicates:          {dups}")
    print(f"  mid-DATA cuts: {len(stats['mid_data_sent'])}, of them delivered: {len(cut_delivered)} (must be 0)")
    print(f"  pipelined RETR x30:  {stats['pipelined_ok']} whole, {stats['pipelined_bad']} not")
    print(f"  half-close:          {stats['half_close_ok']} whole, {stats['half_close_bad']} not")
    print(f"  POP3 clients refused [IN-USE] (John's maildrop is shared by the hostile clients): {stats['locked']}")
    for sample in stats.get("half_close_samples", [])[:3]:
        print(f"    half-close not whole: {sample!r}")
    print(f"  never-reading: {stats['never_reading']}, churn connections: {stats['churn']}, slowloris: {stats['slowloris']}")
    print(f"  client-side errors (timeouts, refusals): {stats['errors']}")
    print("  RSS over time (s: KB): " + ", ".join(f"{t}: {k}" for t, k in rss))
    if finite:
        p99 = finite[min(len(finite) - 1, int(len(finite) * 0.99))]
        print(f"  probe latency: {len(probe)} probes, median {statistics.median(finite)*1000:.1f} ms, "
              f"p99 {p99*1000:.1f} ms, max {finite[-1]*1000:.1f} ms, failed {len(probe) - len(finite)}")
    print(f"  server alive at the end: {alive}")
    bad = lost or cut_delivered or stats["half_close_bad"] or not alive
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
