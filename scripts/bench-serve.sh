#!/usr/bin/env bash
# Throughput of `mailsim serve` on its MX port, measured with Postfix's
# smtp-source, in the same run as aiosmtpd (PyPI) and Postfix's smtp-sink on
# other loopback ports. smtp-sink does nothing with the mail: the practical
# ceiling. Prints messages per second for each.
#
#   SESSIONS=20 MSGS=10000 SIZE=5120 scripts/bench-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${SESSIONS:-20}
MSGS=${MSGS:-10000}
SIZE=${SIZE:-5120}

need_apt() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if ! need_apt postfix; then
  echo "bench: installing Debian's postfix (for smtp-source and smtp-sink)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
fi
python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check aiosmtpd==1.4.6
PATH=/usr/sbin:$PATH
cargo build --release --locked -p mailsim 2>&1 | tail -n 1

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return; sleep 0.1; done; echo "nothing on $1" >&2; exit 1; }

MX=$(port); POP=$(port); AIO=$(port); SINK=$(port)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
target/release/mailsim serve --quiet --mx-port "$MX" --pop3-port "$POP" --smtp-port "$(port)" --submission-port "$(port)" --isp-pop3-port "$(port)" >/dev/null &
pids+=($!)
python3 -m aiosmtpd -n -l "127.0.0.1:$AIO" -c aiosmtpd.handlers.Sink &
pids+=($!)
sink_user=(); [ "$(id -u)" = 0 ] && sink_user=(-u nobody)
smtp-sink "${sink_user[@]}" "127.0.0.1:$SINK" 256 &
pids+=($!)
wait_port "$MX"; wait_port "$AIO"; wait_port "$SINK"

run() {  # run NAME PORT
  local t0 t1
  t0=$(date +%s.%N)
  smtp-source -s "$SESSIONS" -m "$MSGS" -l "$SIZE" -f sender@stranger.example -t dave@dave.example "127.0.0.1:$2"
  t1=$(date +%s.%N)
  awk -v n="$1" -v m="$MSGS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-16s %6d messages in %6.2f s  %8.0f msg/s\n", n, m, b - a, m / (b - a) }'
}
echo "smtp-source: $SESSIONS sessions, $MSGS messages of $SIZE bytes"
run "mailsim serve" "$MX"
run "aiosmtpd 1.4.6" "$AIO"
run "smtp-sink" "$SINK"
# Check that mailsim really delivered every message (not just said 250).
python3 - "$POP" "$MSGS" <<'PY'
import poplib, sys, time
port, want = int(sys.argv[1]), int(sys.argv[2])
time.sleep(0.5)
p = poplib.POP3("127.0.0.1", port, timeout=60); p.user("dave"); p.pass_("dave-pass")
n, octets = p.stat(); p.quit()
print(f"mailsim: Dave's mailbox holds {n} messages ({octets} octets); expected {want}")
sys.exit(0 if n == want else 1)
PY
